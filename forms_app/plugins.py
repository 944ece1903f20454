"""Plugin registries other apps fill, like Plone EasyForm's: the field types a declaration is
built from, extra validators a field can use, and prefill sources a field can take its first value
from. (Submission actions are in actions.py.) forms_app ships a few of each (its field types are
in schema/field_types.py); an app registers its own in its AppConfig.ready."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import normalise_pin, validate_adult_birth_date


@dataclass(frozen=True)
class FieldValidator:
    name: str
    label: str
    check: Callable  # check(cleaned value) raises ValidationError


@dataclass(frozen=True)
class PrefillSource:
    name: str
    label: str
    value: Callable  # value(request) -> a JSON value for the field, or None


_field_types: dict = {}  # {name: schema.field_types.FieldType}, in the order editors see them


@dataclass(frozen=True)
class ServiceTool:
    name: str
    label: str
    view: Callable  # view(request, page) -> HttpResponse, served at <service page>/tools/<name>/


_validators: dict[str, FieldValidator] = {}
_service_tools: dict[str, ServiceTool] = {}
_prefill_sources: dict[str, PrefillSource] = {}

# Every registered field type by name: read-only, and always up to date.
FIELD_TYPES = MappingProxyType(_field_types)


def register_field_type(field_type):
    """Register an instance of a `schema.field_types.FieldType` subclass under its name (a type
    of the same name is replaced). The form editor offers the types registered when its blocks
    are first built, after every app's ready()."""
    _field_types[field_type.name] = field_type
    return field_type


def unregister_field_type(name: str):
    _field_types.pop(name, None)


def register_validator(name: str, label):
    def decorator(func):
        _validators[name] = FieldValidator(name, label, func)
        return func

    return decorator


def register_prefill_source(name: str, label):
    def decorator(func):
        _prefill_sources[name] = PrefillSource(name, label, func)
        return func

    return decorator


def get_field_type(name: str):
    return _field_types.get(name)


def register_service_tool(name: str, label):
    """Decorator: `@register_service_tool("calculator", _("Check before you apply"))`."""

    def decorator(view):
        _service_tools[name] = ServiceTool(name, label, view)
        return view

    return decorator


def get_service_tool(name: str) -> ServiceTool | None:
    return _service_tools.get(name)


def service_tools() -> list[ServiceTool]:
    return list(_service_tools.values())


def get_validator(name: str) -> FieldValidator | None:
    return _validators.get(name)


def get_prefill_source(name: str) -> PrefillSource | None:
    return _prefill_sources.get(name)


def field_type_choices():
    return [(t.name, t.label) for t in _field_types.values()]


def validator_choices():
    return [(v.name, v.label) for v in _validators.values()]


def prefill_choices():
    return [(p.name, p.label) for p in _prefill_sources.values()]


# What forms_app ships ---------------------------------------------------------------------------


def _adult(value):
    if isinstance(value, datetime.date):
        validate_adult_birth_date(value, today=timezone.localdate())


NAME_LETTERS = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")


def _letters_only(value):
    if value and not NAME_LETTERS.match(str(value)):
        raise ValidationError(
            _("Use letters only (a space, hyphen or apostrophe may join parts)."),
            code="letters_only",
        )


def _today(request):
    return timezone.localdate().isoformat()


def _egov_pin(request):
    """The FİN the e-government portal's single sign-on put in a request header, if any."""
    header = settings.FORMS_APP.get("EGOV_PIN_HEADER")
    pin = normalise_pin(request.META.get(header, "")) if header else ""
    return pin or None


def register_builtins():
    register_validator("adult", _("The person is at least 18"))(_adult)
    register_validator("letters_only", _("Letters only (names)"))(_letters_only)
    register_prefill_source("today", _("Today's date"))(_today)
    register_prefill_source("egov_pin", _("FİN of the user signed in at the e-government portal"))(
        _egov_pin
    )
