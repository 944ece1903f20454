"""Field types: how each kind of field in a definition becomes a Django form field, and how its
cleaned value is stored as JSON (and read back into form data for re-validation)."""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import validators
from ..plugins import get_validator
from .definition import FieldDefinition, localised

# A text field without a maximum still has one: nobody's answer is a megabyte long.
DEFAULT_MAX_LENGTH = {"short_text": 255, "long_text": 5000, "address": 500}


class NormalisingCharField(forms.CharField):
    def __init__(self, *, normalise, **kwargs):
        self.normalise = normalise
        super().__init__(**kwargs)

    def to_python(self, value):
        return self.normalise(super().to_python(value))


class AddressField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})


class ConsentField(forms.BooleanField):
    """A box the person must tick when the field is required."""


def _range(kwargs, options, cast):
    for key in ("min_value", "max_value"):
        if options.get(key) not in (None, ""):
            kwargs[key] = cast(options[key])


def _choices(options, language):
    return [(o["value"], localised(o["label"], language)) for o in options.get("options") or []]


def build_formfield(definition: FieldDefinition, language: str) -> forms.Field:
    """A Django form field for `definition`, with its labels in `language`."""
    o = definition.options
    kwargs = {
        "label": localised(definition.label, language),
        "help_text": localised(definition.help_text, language),
        "required": definition.required,
    }
    t = definition.type
    if t in ("short_text", "long_text", "address"):
        kwargs["max_length"] = int(o.get("max_length") or DEFAULT_MAX_LENGTH[t])
        if o.get("min_length"):
            kwargs["min_length"] = int(o["min_length"])
        if t == "short_text" and o.get("pattern"):
            kwargs["validators"] = [RegexValidator(f"^(?:{o['pattern']})$")]
        if t == "long_text":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4})
        field = AddressField(**kwargs) if t == "address" else forms.CharField(**kwargs)
    elif t == "integer":
        _range(kwargs, o, int)
        field = forms.IntegerField(**kwargs)
    elif t in ("decimal", "money"):
        _range(kwargs, o, lambda v: Decimal(str(v)))
        field = forms.DecimalField(max_digits=14, decimal_places=2 if t == "money" else 4, **kwargs)
        if t == "money":
            field.widget.attrs.update({"inputmode": "decimal", "step": "0.01"})
    elif t == "date":
        field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **kwargs)
        field.validators.append(_date_limits(o))
    elif t == "single_choice":
        widget = forms.RadioSelect if o.get("widget", "radio") == "radio" else forms.Select
        choices = _choices(o, language)
        if widget is forms.Select:
            choices = [("", "—"), *choices]
        field = forms.ChoiceField(choices=choices, widget=widget, **kwargs)
    elif t == "multiple_choice":
        field = forms.MultipleChoiceField(
            choices=_choices(o, language), widget=forms.CheckboxSelectMultiple, **kwargs
        )
        field.validators.append(_selection_limits(o))
    elif t == "yes_no":
        # A required yes/no must be answered either way, so it is a choice, not a checkbox.
        field = forms.TypedChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda v: v == "yes",
            widget=forms.RadioSelect,
            **kwargs,
        )
    elif t == "email":
        field = forms.EmailField(max_length=254, **kwargs)
    elif t == "mobile":
        field = NormalisingCharField(
            normalise=validators.normalise_mobile,
            max_length=32,
            validators=[validators.validate_az_mobile],
            **kwargs,
        )
        field.widget.attrs.update({"type": "tel", "autocomplete": "tel"})
    elif t == "pin":
        field = NormalisingCharField(
            normalise=validators.normalise_pin,
            max_length=16,
            validators=[validators.validate_pin],
            **kwargs,
        )
    elif t == "id_card":
        field = NormalisingCharField(
            normalise=validators.normalise_compact_upper,
            max_length=16,
            validators=[validators.validate_id_card],
            **kwargs,
        )
    elif t == "iban":
        field = NormalisingCharField(
            normalise=validators.normalise_compact_upper,
            max_length=40,
            validators=[validators.validate_az_iban],
            **kwargs,
        )
    elif t == "consent":
        field = ConsentField(**kwargs)
    elif t == "file":
        extensions = [e.strip().lower().lstrip(".") for e in (o.get("extensions") or "").split(",")]
        field = forms.FileField(
            validators=[
                FileExtensionValidator([e for e in extensions if e]),
                _max_size(int(o.get("max_size_mb") or 5)),
            ],
            **kwargs,
        )
    else:
        raise ValueError(f"Unknown field type {t!r}")
    for name in o.get("validators") or []:
        # A validator of an app that was removed is skipped, like a removed action.
        if validator := get_validator(name):
            field.validators.append(validator.check)
    if definition.error_text:
        message = localised(definition.error_text, language)
        field.error_messages = dict.fromkeys(
            [
                *field.error_messages,
                "invalid_pin",
                "invalid_mobile",
                "invalid_id_card",
                "invalid_iban",
                "iban_checksum",
                "min_value",
                "max_value",
                "max_length",
                "min_length",
                "invalid_choice",
                "invalid_extension",
                "too_big",
                "too_early",
                "too_late",
                "future",
            ],
            message,
        )
    return field


def _date_limits(options):
    def check(value: datetime.date):
        if options.get("past_only") and value > timezone.localdate():
            raise ValidationError(_("The date can't be in the future."), code="future")
        if options.get("min_date") and value < datetime.date.fromisoformat(options["min_date"]):
            raise ValidationError(_("The date is too early."), code="too_early")
        if options.get("max_date") and value > datetime.date.fromisoformat(options["max_date"]):
            raise ValidationError(_("The date is too late."), code="too_late")

    return check


def _selection_limits(options):
    def check(values):
        low, high = options.get("min_selected"), options.get("max_selected")
        if low and len(values) < int(low):
            raise ValidationError(
                ngettext(
                    "Choose at least %(n)s option.", "Choose at least %(n)s options.", int(low)
                )
                % {"n": low},
                code="min_selected",
            )
        if high and len(values) > int(high):
            raise ValidationError(
                ngettext("Choose at most %(n)s option.", "Choose at most %(n)s options.", int(high))
                % {"n": high},
                code="max_selected",
            )

    return check


def _max_size(megabytes):
    def check(uploaded):
        if uploaded.size > megabytes * 1024 * 1024:
            raise ValidationError(
                _("The file is bigger than %(mb)s MB.") % {"mb": megabytes}, code="too_big"
            )

    return check


def to_json(definition: FieldDefinition, value):
    """A cleaned value as stored in the answers."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")) if definition.type == "money" else value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value  # uploads stay files here; services.save_step stores them


def to_form_data(definition: FieldDefinition, value):
    """A stored answer as a form would post it, to validate stored answers again."""
    if value is None:
        return None
    if definition.type == "yes_no" and isinstance(value, bool):
        return "yes" if value else "no"
    if definition.type == "consent":
        return "on" if value else None
    return value


def display_value(definition: FieldDefinition, value, language: str) -> str:
    """An answer as a person reads it (check-your-answers page, receipt, exports)."""
    if value is None or value == "" or value == []:
        return ""
    if definition.type in ("single_choice", "multiple_choice"):
        labels = dict(_choices(definition.options, language))
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in values)
    if definition.type in ("yes_no", "consent"):
        return str(_("Yes") if value else _("No"))
    if definition.type == "file" and isinstance(value, dict):
        return value.get("name", "")
    if definition.type == "date":
        try:
            return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")
        except (TypeError, ValueError):
            return str(value)
    if definition.type == "money":
        return f"{value} AZN"
    return strip_tags(str(value))
