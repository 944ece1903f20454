"""Plugin registries other apps fill, like Plone EasyForm's: the field types a declaration is
built from, extra validators a field can use, prefill sources a field can take its first value
from, and choice sources a choice can take its options from (other answers). (Submission actions
are in actions.py, submission guards in guards.py.) forms_app ships a few of each (its field types
are in schema/field_types.py); an app registers its own in its AppConfig.ready."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import PIN_PATTERN, normalise_pin, validate_adult_birth_date


@dataclass(frozen=True)
class FieldValidator:
    name: str
    label: str
    check: Callable  # check(cleaned value) raises ValidationError
    # JSON Schema keywords it adds to the field's (they replace the type's own of the same name).
    json_schema: dict | None = None


@dataclass(frozen=True)
class PrefillSource:
    name: str
    label: str
    value: Callable  # value(request) -> a JSON value for the field, or None


@dataclass(frozen=True)
class ChoiceSource:
    name: str
    label: str
    # choices(form definition, answers so far, language) -> [(value, label)]
    choices: Callable
    # json_schema() -> the JSON Schema of an answer (the API can't list answers' values)
    json_schema: Callable
    # Said when the answer is not one of the choices (e.g. a FİN nobody declared).
    invalid_message: str = ""


_field_types: dict = {}  # {name: schema.field_types.FieldType}, in the order editors see them


@dataclass(frozen=True)
class ServiceTool:
    name: str
    label: str
    view: Callable  # view(request, page) -> HttpResponse, served at <service page>/tools/<name>/


_validators: dict[str, FieldValidator] = {}
_service_tools: dict[str, ServiceTool] = {}
_prefill_sources: dict[str, PrefillSource] = {}
_choice_sources: dict[str, ChoiceSource] = {}

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


def register_validator(name: str, label, *, json_schema: dict | None = None):
    def decorator(func):
        _validators[name] = FieldValidator(name, label, func, json_schema)
        return func

    return decorator


def register_prefill_source(name: str, label):
    def decorator(func):
        _prefill_sources[name] = PrefillSource(name, label, func)
        return func

    return decorator


def register_choice_source(name: str, label, *, json_schema: Callable, invalid_message=""):
    def decorator(func):
        _choice_sources[name] = ChoiceSource(name, label, func, json_schema, invalid_message)
        return func

    return decorator


def get_choice_source(name: str) -> ChoiceSource | None:
    return _choice_sources.get(name)


def choice_source_choices():
    return [(c.name, c.label) for c in _choice_sources.values()]


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
# For JSON Schema (ECMA 262 has no Unicode classes without its u flag): the Latin letters
# Azerbaijani and its neighbours write (ə is U+0259) and Cyrillic. The server takes any letter.
_LETTER = r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0259\u0400-\u04ff]"
NAME_LETTERS_JSON = rf"^{_LETTER}+(?:[ '\-]{_LETTER}+)*$"


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


def declared_people(definition, answers: dict, language: str) -> list[tuple[str, str]]:
    """The people of the declaration so far: the answers to every FİN field marked "one person
    per FİN", each labelled with the name given beside it (the item's, or the step's,
    last_name and first_name)."""
    from .schema.definition import GroupDefinition

    people = {}

    def add(pin, beside):
        if isinstance(pin, str) and pin and pin not in people:
            name = " ".join(str(beside[k]) for k in ("last_name", "first_name") if beside.get(k))
            people[pin] = f"{name} ({pin})" if name else pin

    for step in definition.steps:
        for item in step.items:
            if isinstance(item, GroupDefinition):
                for f in item.input_fields:
                    if f.type == "pin" and f.options.get("unique"):
                        for entry in answers.get(item.name) or []:
                            if isinstance(entry, dict):
                                add(entry.get(f.name), entry)
            elif item.type == "pin" and item.options.get("unique"):
                add(answers.get(item.name), answers)
    return list(people.items())


def register_builtins():
    register_validator("adult", _("The person is at least 18"))(_adult)
    register_validator(
        "letters_only", _("Letters only (names)"), json_schema={"pattern": NAME_LETTERS_JSON}
    )(_letters_only)
    register_choice_source(
        "declared_people",
        _("One of the people declared (their FİN)"),
        json_schema=lambda: {
            "type": "string",
            "pattern": PIN_PATTERN,
            "description": "The FİN of one of the people this declaration lists.",
        },
        invalid_message=_(
            "Choose one of the people declared in this application (the applicant or a "
            "family member)."
        ),
    )(declared_people)
    register_prefill_source("today", _("Today's date"))(_today)
    register_prefill_source("egov_pin", _("FİN of the user signed in at the e-government portal"))(
        _egov_pin
    )
