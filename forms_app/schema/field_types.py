"""The kinds of field editors build a declaration from. Each type is one small class, as each
field type of Wagtail's FormBuilder is one `create_<type>_field` method: its settings in the
editor, the Django form field that asks for the answer, how a cleaned answer is stored as JSON and
read back as form data, and how a person reads it on screen and in a spreadsheet.

Types are found by name in the registry of plugins.py. forms_app registers these from its
AppConfig.ready; another app registers its own the same way, e.g.
`plugins.register_field_type(VehiclePlate())`. What every field shares (label, help text,
required, extra checks, error text) is applied by fields.py, not by the types.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks

from .. import validators
from ..plugins import choice_source_choices, get_choice_source, register_field_type
from .blocks import MACHINE_NAME, LocalisedTextBlock
from .definition import localised
from .json_schema import date_range_pattern, plain_text_schema


class FieldType:
    """A kind of field. `name` is what schemas store: never rename a type forms already use."""

    name = ""
    label = ""
    json_types: tuple[type, ...] = (str,)  # what an answer sent to the JSON API may be
    multiple = False  # the browser posts several values under the field's name
    upload = False  # the answer is a file; stored, it refers to an uploaded document
    # What an unanswered required field says; it names the field, so the error summary does too.
    required_text = _("Enter %(label)s")

    def settings(self) -> list[tuple[str, blocks.Block]]:
        """The editor's blocks for this type's own settings; the settings every field has
        (machine name, label, required, …) come first without being listed here."""
        return []

    def formfield(self, definition, language: str, **kwargs) -> forms.Field:
        """The Django form field asking for the answer; `kwargs` are its label, help text and
        whether it is required."""
        raise NotImplementedError

    def to_json(self, definition, value):
        """A cleaned value as stored in the answers."""
        if value is None or value == "":
            return None
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value  # uploads stay files here; services.save_step stores them

    def to_form_data(self, definition, value):
        """A stored answer (never None) as a form would post it, to validate it again."""
        return value

    def json_schema(self, definition) -> dict:
        """The JSON Schema of an answer sent to the API (published in the OpenAPI document, so
        a client can check a declaration before sending it)."""
        return {"type": "string"}

    def json_error(self, definition, value) -> str | None:
        """Why an answer of the right JSON type is not written as the API takes it, if it
        isn't (the web form's own input formats are the form field's business)."""
        return None

    def display(self, definition, value, language: str) -> str:
        """An answer (never empty) as a person reads it: check your answers, the receipt, the
        email copy, the admin."""
        return strip_tags(str(value))

    def export(self, definition, value, language: str):
        """An answer (never empty) in a spreadsheet cell: a value Excel can compute with where
        there is one, else text."""
        return str(value)


# Form fields and checks the types share ------------------------------------------------------


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


class DayMonthYearWidget(forms.MultiWidget):
    """Three boxes, day, month and year, as GOV.UK asks for dates people know (a browser's date
    picker is hard to use for a birth date). A stored or API answer arrives as one ISO date under
    the field's own name and is read as such."""

    template_name = "forms_app/widgets/day_month_year.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__(
            [
                forms.TextInput(attrs={**numeric, "maxlength": 2}),
                forms.TextInput(attrs={**numeric, "maxlength": 2}),
                forms.TextInput(attrs={**numeric, "maxlength": 4}),
            ],
            attrs,
        )
        self.widgets_names = [f"_{part}" for part in self.parts]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = (_("Day"), _("Month"), _("Year"))
        for subwidget, part, label in zip(
            context["widget"]["subwidgets"], self.parts, labels, strict=True
        ):
            subwidget["part"], subwidget["label"] = part, label
        return context

    def value_from_datadict(self, data, files, name):
        if name in data:  # one ISO date: a stored answer or JSON
            return data.get(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DayMonthYearField(forms.DateField):
    """A date from three boxes, with messages that name the field and the missing part."""

    widget = DayMonthYearWidget
    # Empty unless an editor wrote the field's own error text (fields.py sets it).
    default_error_messages = {"invalid": "", "incomplete": ""}

    def to_python(self, value):
        if not isinstance(value, list | tuple):
            try:
                return super().to_python(value)
            except ValidationError:
                raise self._invalid() from None
        parts = [str(v or "").strip() for v in value]
        if not any(parts):
            return None
        names = (_("a day"), _("a month"), _("a year"))
        missing = [name for part, name in zip(parts, names, strict=True) if not part]
        if missing:
            raise ValidationError(
                self.error_messages["incomplete"]
                or _("%(label)s must include %(part)s")
                % {"label": quoted(self.label), "part": missing[0]},
                code="incomplete",
            )
        day, month, year = parts
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise self._invalid()
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise self._invalid() from None

    def _invalid(self):
        return ValidationError(
            self.error_messages["invalid"]
            or _("%(label)s must be a real date") % {"label": quoted(self.label)},
            code="invalid",
        )


def quoted(label) -> str:
    """A field's label as messages quote it: “Surname” (long labels are shortened)."""
    return _("“%(label)s”") % {"label": Truncator(strip_tags(str(label or ""))).chars(70)}


def _lengths(options, default_max_length) -> dict:
    # A text field without a maximum still has one: nobody's answer is a megabyte long.
    lengths = {"max_length": int(options.get("max_length") or default_max_length)}
    if options.get("min_length"):
        lengths["min_length"] = int(options["min_length"])
    return lengths


def _range(options, cast) -> dict:
    return {
        key: cast(options[key])
        for key in ("min_value", "max_value")
        if options.get(key) not in (None, "")
    }


def _choices(options, language):
    return [(o["value"], localised(o["label"], language)) for o in options.get("options") or []]


def _date_limits(options):
    def check(value: datetime.date):
        if options.get("past_only") and value > timezone.localdate():
            raise ValidationError(_("The date can't be in the future."), code="future")
        if options.get("min_date") and value < datetime.date.fromisoformat(options["min_date"]):
            raise ValidationError(_("The date is too early."), code="too_early")
        if options.get("max_date") and value > datetime.date.fromisoformat(options["max_date"]):
            raise ValidationError(_("The date is too late."), code="too_late")

    return check


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Dates without their own limits, for the JSON Schema: what anyone's dates fall within.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2199, 12, 31)


def _date_bounds(options) -> tuple[datetime.date, datetime.date]:
    earliest = EARLIEST_DATE
    latest = timezone.localdate() if options.get("past_only") else LATEST_DATE
    if options.get("min_date"):
        earliest = max(earliest, datetime.date.fromisoformat(options["min_date"]))
    if options.get("max_date"):
        latest = min(latest, datetime.date.fromisoformat(options["max_date"]))
    return earliest, latest


def _json_range(limits) -> dict:
    names = {"min_value": "minimum", "max_value": "maximum"}
    return {names[k]: (int(v) if v == int(v) else float(v)) for k, v in limits.items()}


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


# The editor's settings the types share ---------------------------------------------------------


def _length_settings():
    return [
        ("min_length", blocks.IntegerBlock(label=_("minimum length"), required=False, min_value=0)),
        ("max_length", blocks.IntegerBlock(label=_("maximum length"), required=False, min_value=1)),
    ]


def _range_settings(block_class=blocks.DecimalBlock):
    return [
        ("min_value", block_class(label=_("minimum"), required=False)),
        ("max_value", block_class(label=_("maximum"), required=False)),
    ]


class ChoiceOptionBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("stored value"), validators=[MACHINE_NAME])
    label = LocalisedTextBlock(label=_("label"))


def _choice_settings(min_num=1):
    # A list that may be empty starts empty (Wagtail would start it with one blank option).
    empty = {} if min_num else {"default": []}
    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("options"), min_num=min_num, **empty)
    return [("options", options)]


# Text -----------------------------------------------------------------------------------------


class ShortText(FieldType):
    name = "short_text"
    label = _("Short text")

    def settings(self):
        pattern = blocks.CharBlock(label=_("pattern (regular expression)"), required=False)
        return [*_length_settings(), ("pattern", pattern)]

    def formfield(self, definition, language, **kwargs):
        options = definition.options
        if options.get("pattern"):
            kwargs["validators"] = [RegexValidator(f"^(?:{options['pattern']})$")]
        return forms.CharField(**_lengths(options, 255), **kwargs)

    def json_schema(self, definition):
        options = definition.options
        schema = plain_text_schema(definition.required, **_lengths(options, 255))
        if options.get("pattern"):
            schema["pattern"] = f"^(?:{options['pattern']})$"
        return schema


class LongText(FieldType):
    name = "long_text"
    label = _("Long text")

    def settings(self):
        return _length_settings()

    def formfield(self, definition, language, **kwargs):
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}), **_lengths(definition.options, 5000), **kwargs
        )

    def json_schema(self, definition):
        lengths = _lengths(definition.options, 5000)
        return plain_text_schema(definition.required, multiline=True, **lengths)


class Address(FieldType):
    name = "address"
    label = _("Address")

    def formfield(self, definition, language, **kwargs):
        return AddressField(**_lengths(definition.options, 500), **kwargs)

    def json_schema(self, definition):
        lengths = _lengths(definition.options, 500)
        return plain_text_schema(definition.required, multiline=True, **lengths)


class Email(FieldType):
    name = "email"
    label = _("Email address")

    def formfield(self, definition, language, **kwargs):
        return forms.EmailField(max_length=254, **kwargs)

    def json_schema(self, definition):
        return {"type": "string", "format": "email", "maxLength": 254}


# Numbers and dates ----------------------------------------------------------------------------


class Integer(FieldType):
    name = "integer"
    label = _("Whole number")
    json_types = (int,)

    def settings(self):
        return _range_settings(blocks.IntegerBlock)

    def formfield(self, definition, language, **kwargs):
        return forms.IntegerField(**_range(definition.options, int), **kwargs)

    def json_schema(self, definition):
        limits = _range(definition.options, int)
        return {"type": "integer", **_json_range(limits)}

    def export(self, definition, value, language):
        return value if isinstance(value, int) else str(value)


class DecimalNumber(FieldType):
    name = "decimal"
    label = _("Decimal number")
    json_types = (int, float, str)
    decimal_places = 4

    def settings(self):
        return _range_settings()

    def formfield(self, definition, language, **kwargs):
        return forms.DecimalField(
            max_digits=14,
            decimal_places=self.decimal_places,
            **_range(definition.options, lambda v: Decimal(str(v))),
            **kwargs,
        )

    def json_schema(self, definition):
        # A number, or the same written as a string ("12.50"): an amount a client keeps exact.
        limits = _range(definition.options, lambda v: Decimal(str(v)))
        return {
            "type": ["number", "string"],
            **_json_range(limits),
            "multipleOf": float(Decimal(1).scaleb(-self.decimal_places)),
            "pattern": rf"^-?\d{{1,10}}(\.\d{{1,{self.decimal_places}}})?$",
        }

    def export(self, definition, value, language):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)


class Money(DecimalNumber):
    name = "money"
    label = _("Amount in AZN")
    decimal_places = 2

    def formfield(self, definition, language, **kwargs):
        field = super().formfield(definition, language, **kwargs)
        field.widget.attrs.update({"inputmode": "decimal", "step": "0.01"})
        return field

    def to_json(self, definition, value):
        if isinstance(value, Decimal):
            value = value.quantize(Decimal("0.01"))
        return super().to_json(definition, value)

    def display(self, definition, value, language):
        return f"{value} AZN"


class Date(FieldType):
    name = "date"
    label = _("Date")

    def settings(self):
        return [
            ("min_date", blocks.DateBlock(label=_("earliest"), required=False)),
            ("max_date", blocks.DateBlock(label=_("latest"), required=False)),
            ("past_only", blocks.BooleanBlock(label=_("not in the future"), required=False)),
        ]

    # A date typed whole (a stored answer, a client without the three boxes) means the same in
    # every language: 05/04/1988 never means 5 April in one and 4 May in another (it is refused
    # in all).
    INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]

    def formfield(self, definition, language, **kwargs):
        field = DayMonthYearField(input_formats=self.INPUT_FORMATS, **kwargs)
        field.validators.append(_date_limits(definition.options))
        return field

    def json_schema(self, definition):
        earliest, latest = _date_bounds(definition.options)
        return {
            "type": "string",
            "format": "date",
            "pattern": date_range_pattern(earliest, latest),
            "description": f"ISO 8601, {earliest.isoformat()} to {latest.isoformat()}",
        }

    def json_error(self, definition, value):
        if not ISO_DATE.fullmatch(value):
            return _("Send the date as YYYY-MM-DD (ISO 8601).")
        return None

    def display(self, definition, value, language):
        try:
            return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")
        except (TypeError, ValueError):
            return str(value)

    def export(self, definition, value, language):
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            return str(value)


# Choices --------------------------------------------------------------------------------------


class SingleChoice(FieldType):
    name = "single_choice"
    label = _("Single choice")
    required_text = _("Choose an answer to %(label)s")

    def settings(self):
        widget = blocks.ChoiceBlock(
            label=_("shown as"),
            default="radio",
            choices=[("radio", _("radio buttons")), ("select", _("drop-down list"))],
        )
        source = blocks.ChoiceBlock(
            label=_("options from"),
            choices=choice_source_choices,
            required=False,
            help_text=_(
                "Instead of fixed options, the person chooses among earlier answers, e.g. one "
                "of the people declared."
            ),
        )
        # Fixed options or a source of options (FieldBlock.clean asks for one of the two).
        return [*_choice_settings(min_num=0), ("widget", widget), ("choices_from", source)]

    def formfield(self, definition, language, **kwargs):
        choices = _choices(definition.options, language)
        if definition.options.get("choices_from"):
            # Filled in from the declaration's answers (schema.engine binds them).
            return forms.ChoiceField(choices=[("", "—")], widget=forms.Select, **kwargs)
        if definition.options.get("widget", "radio") == "radio":
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **kwargs)
        return forms.ChoiceField(choices=[("", "—"), *choices], widget=forms.Select, **kwargs)

    def json_schema(self, definition):
        source = get_choice_source(definition.options.get("choices_from") or "")
        if source is not None:
            return source.json_schema()
        return {"type": "string", "enum": [o["value"] for o in definition.options.get("options")]}

    def display(self, definition, value, language):
        # An option removed from the form since (or an answer from a source) shows its value.
        labels = dict(_choices(definition.options, language))
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in values)

    def export(self, definition, value, language):
        return self.display(definition, value, language)


class MultipleChoice(SingleChoice):
    name = "multiple_choice"
    label = _("Multiple choice")
    json_types = (list,)
    multiple = True

    def settings(self):
        return [
            *_choice_settings(),
            ("min_selected", blocks.IntegerBlock(label=_("at least"), required=False, min_value=0)),
            ("max_selected", blocks.IntegerBlock(label=_("at most"), required=False, min_value=1)),
        ]

    def formfield(self, definition, language, **kwargs):
        field = forms.MultipleChoiceField(
            choices=_choices(definition.options, language),
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )
        field.validators.append(_selection_limits(definition.options))
        return field

    def json_schema(self, definition):
        options = definition.options
        schema = {
            "type": "array",
            "items": {"type": "string", "enum": [o["value"] for o in options.get("options")]},
            "uniqueItems": True,
        }
        if options.get("min_selected"):
            schema["minItems"] = int(options["min_selected"])
        if options.get("max_selected"):
            schema["maxItems"] = int(options["max_selected"])
        return schema


class YesNo(FieldType):
    name = "yes_no"
    label = _("Yes or no")
    json_types = (bool,)
    required_text = _("Choose an answer to %(label)s")

    def formfield(self, definition, language, **kwargs):
        # A required yes/no must be answered either way, so it is a choice, not a checkbox.
        return forms.TypedChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda v: v == "yes",
            widget=forms.RadioSelect,
            **kwargs,
        )

    def to_form_data(self, definition, value):
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value

    def json_schema(self, definition):
        return {"type": "boolean"}

    def display(self, definition, value, language):
        return str(_("Yes") if value else _("No"))

    def export(self, definition, value, language):
        return self.display(definition, value, language)


class Consent(YesNo):
    name = "consent"
    label = _("Consent")
    required_text = _("Tick the box to confirm %(label)s")

    def formfield(self, definition, language, **kwargs):
        return ConsentField(**kwargs)

    def to_form_data(self, definition, value):
        return "on" if value else None

    def json_schema(self, definition):
        # A required consent is given or the declaration is refused.
        return {"type": "boolean", "const": True} if definition.required else {"type": "boolean"}


# Identifiers ----------------------------------------------------------------------------------


class Mobile(FieldType):
    name = "mobile"
    label = _("Mobile number (+994)")

    def formfield(self, definition, language, **kwargs):
        field = NormalisingCharField(
            normalise=validators.normalise_mobile,
            max_length=32,
            validators=[validators.validate_az_mobile],
            **kwargs,
        )
        field.widget.attrs.update({"type": "tel", "autocomplete": "tel"})
        return field

    def json_schema(self, definition):
        return {
            "type": "string",
            "pattern": validators.mobile_json_pattern(),
            "description": "+994 and the 9 digits of a mobile number",
        }


class Pin(FieldType):
    name = "pin"
    label = _("FİN (personal identification number)")

    def settings(self):
        unique = blocks.BooleanBlock(
            label=_("one person per FİN"),
            required=False,
            help_text=_(
                "The FİNs of every field with this setting are the people of the declaration: "
                "no two may be the same (the applicant is not listed again as a member)."
            ),
        )
        return [("unique", unique)]

    def formfield(self, definition, language, **kwargs):
        return NormalisingCharField(
            normalise=validators.normalise_pin,
            max_length=16,
            validators=[validators.validate_pin],
            **kwargs,
        )

    def json_schema(self, definition):
        schema = {"type": "string", "pattern": validators.PIN_PATTERN}
        if definition.options.get("unique"):
            schema["description"] = "Unique among the declaration's people."
        return schema


class IdCard(FieldType):
    name = "id_card"
    label = _("ID-card number")

    def formfield(self, definition, language, **kwargs):
        return NormalisingCharField(
            normalise=validators.normalise_compact_upper,
            max_length=16,
            validators=[validators.validate_id_card],
            **kwargs,
        )

    def json_schema(self, definition):
        return {"type": "string", "pattern": validators.ID_CARD_PATTERN}


class Iban(FieldType):
    name = "iban"
    label = _("Card account / IBAN (AZ)")

    def formfield(self, definition, language, **kwargs):
        return NormalisingCharField(
            normalise=validators.normalise_compact_upper,
            max_length=40,
            validators=[validators.validate_az_iban],
            **kwargs,
        )

    def json_schema(self, definition):
        return {"type": "string", "pattern": r"^AZ\d{2}[A-Z]{4}[A-Z0-9]{20}$"}


# Files ----------------------------------------------------------------------------------------


class File(FieldType):
    name = "file"
    label = _("File upload")
    required_text = _("Choose a file for %(label)s")
    json_types = (dict,)  # a reference to a document uploaded with the draft, never raw data
    upload = True

    def settings(self):
        return [
            (
                "extensions",
                blocks.CharBlock(
                    label=_("allowed types"),
                    default="pdf,jpg,jpeg,png",
                    help_text=_("Comma-separated file extensions."),
                ),
            ),
            (
                "max_size_mb",
                blocks.IntegerBlock(
                    label=_("maximum size (MB)"), default=5, min_value=1, max_value=50
                ),
            ),
        ]

    def formfield(self, definition, language, **kwargs):
        options = definition.options
        extensions = [
            e.strip().lower().lstrip(".") for e in (options.get("extensions") or "").split(",")
        ]
        return forms.FileField(
            validators=[
                FileExtensionValidator([e for e in extensions if e]),
                _max_size(int(options.get("max_size_mb") or 5)),
            ],
            **kwargs,
        )

    def json_schema(self, definition):
        # Files are uploaded through the web form only: the API has no upload yet.
        return {
            "type": "object",
            "properties": {"id": {"type": "string", "format": "uuid"}},
            "required": ["id"],
            "description": "A document uploaded with the declaration's draft.",
        }

    def display(self, definition, value, language):
        if isinstance(value, dict):
            return value.get("name", "")
        return super().display(definition, value, language)

    def export(self, definition, value, language):
        return self.display(definition, value, language)


# In the order the editor offers them (their order in the schema's migrations, too).
BUILTIN_FIELD_TYPES = (
    ShortText(),
    LongText(),
    Integer(),
    DecimalNumber(),
    Money(),
    Date(),
    SingleChoice(),
    MultipleChoice(),
    YesNo(),
    Email(),
    Mobile(),
    Pin(),
    IdCard(),
    Address(),
    Iban(),
    Consent(),
    File(),
)


def register_builtin_field_types():
    for field_type in BUILTIN_FIELD_TYPES:
        register_field_type(field_type)
