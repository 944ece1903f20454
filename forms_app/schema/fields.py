"""Fields of a definition as Django form fields, and their answers stored as JSON, read back into
form data (to validate stored answers again), shown and exported. Each type's own part is its
FieldType (schema/field_types.py), found in the registry of plugins.py; what every field shares
is here."""

from django import forms

from ..plugins import get_choice_source, get_field_type, get_validator
from ..validators import plain_text_validator
from .definition import FieldDefinition, localised
from .field_types import FieldType, quoted

# A type no longer registered (its app was removed) can't be asked any more, but the answers
# already given to it are still stored, shown and exported, as text.
UNREGISTERED = FieldType()


def field_type_of(definition: FieldDefinition) -> FieldType:
    return get_field_type(definition.type) or UNREGISTERED


def build_formfield(
    definition: FieldDefinition, language: str, *, choices_from=None
) -> forms.Field:
    """A Django form field for `definition`, with its labels in `language`. `choices_from(source)`
    gives the options of a choice whose options come from other answers."""
    field_type = get_field_type(definition.type)
    if field_type is None:
        raise ValueError(f"Unknown field type {definition.type!r}")
    field = field_type.formfield(
        definition,
        language,
        label=localised(definition.label, language),
        help_text=localised(definition.help_text, language),
        required=definition.required,
    )
    field.error_messages["required"] = field_type.required_text % {"label": quoted(field.label)}
    if isinstance(field, forms.CharField):
        # No text answer hides control, bidirectional or zero-width characters.
        multiline = isinstance(field.widget, forms.Textarea)
        field.validators.append(plain_text_validator(multiline=multiline))
    source = get_choice_source(definition.options.get("choices_from") or "")
    if source is not None and isinstance(field, forms.ChoiceField):
        field.choices = [("", "—"), *(choices_from(source) if choices_from else [])]
        if source.invalid_message:
            field.error_messages["invalid_choice"] = source.invalid_message
    for name in definition.options.get("validators") or []:
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
                "incomplete",
            ],
            message,
        )
    return field


def to_json(definition: FieldDefinition, value):
    """A cleaned value as stored in the answers."""
    return field_type_of(definition).to_json(definition, value)


def to_form_data(definition: FieldDefinition, value):
    """A stored answer as a form would post it, to validate stored answers again."""
    if value is None:
        return None
    return field_type_of(definition).to_form_data(definition, value)


def display_value(definition: FieldDefinition, value, language: str) -> str:
    """An answer as a person reads it (check-your-answers page, receipt, exports)."""
    if value is None or value == "" or value == []:
        return ""
    return field_type_of(definition).display(definition, value, language)


def export_value(definition: FieldDefinition, value, language: str):
    """An answer in a spreadsheet cell; None leaves the cell empty."""
    if value is None or value == "" or value == []:
        return None
    return field_type_of(definition).export(definition, value, language)
