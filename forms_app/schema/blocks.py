"""The StreamField blocks editors build a declaration form with: steps holding fields and
repeating groups. Every label, help and error text has az, ru and en; every field has a machine
name chosen when it is created, so answers keep their meaning when a label is reworded.

There is a block per registered field type (plugins.FIELD_TYPES), with the settings every field
has and the type's own. The blocks holding fields are built when the form's StreamField first
needs them, after every app's ready() has registered its types, not when this module is
imported."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..plugins import FIELD_TYPES, prefill_choices, validator_choices

MACHINE_NAME = RegexValidator(
    r"^[a-z][a-z0-9_]{0,62}$",
    _("Lower-case Latin letters, digits and _, starting with a letter (e.g. monthly_income)."),
)


class LocalisedTextBlock(blocks.StructBlock):
    az = blocks.CharBlock(label="Azərbaycanca", max_length=500)
    ru = blocks.CharBlock(label="Русский", max_length=500, required=False)
    en = blocks.CharBlock(label="English", max_length=500, required=False)

    class Meta:
        form_classname = "localised-text"


class OptionalLocalisedTextBlock(LocalisedTextBlock):
    az = blocks.CharBlock(label="Azərbaycanca", max_length=500, required=False)


class LocalisedRichTextBlock(blocks.StructBlock):
    az = blocks.RichTextBlock(label="Azərbaycanca", features=["bold", "italic", "link", "ul"])
    ru = blocks.RichTextBlock(
        label="Русский", required=False, features=["bold", "italic", "link", "ul"]
    )
    en = blocks.RichTextBlock(
        label="English", required=False, features=["bold", "italic", "link", "ul"]
    )


class ConditionBlock(blocks.StructBlock):
    """Show this only when another answer matches. `_channel` is the channel of the
    application (online, post_office, api)."""

    field = blocks.CharBlock(
        label=_("field to check"),
        required=False,
        help_text=_("Machine name of another field; empty means always shown."),
    )
    operator = blocks.ChoiceBlock(
        label=_("comparison"),
        choices=[
            ("equals", _("equal to")),
            ("not_equals", _("not equal to")),
            ("in", _("one of (comma-separated)")),
            ("greater", _("greater than")),
            ("less", _("less than")),
        ],
        default="equals",
    )
    value = blocks.CharBlock(label=_("value"), required=False)

    class Meta:
        label = _("visibility condition")
        collapsed = True


def _common_blocks():
    return [
        (
            "name",
            blocks.CharBlock(
                label=_("machine name"),
                validators=[MACHINE_NAME],
                help_text=_("Never change it once the form is published."),
            ),
        ),
        ("label", LocalisedTextBlock(label=_("label"))),
        ("help_text", OptionalLocalisedTextBlock(label=_("help text"), required=False)),
        (
            "error_text",
            OptionalLocalisedTextBlock(
                label=_("error text"),
                required=False,
                help_text=_("Replaces the standard message when the answer is invalid."),
            ),
        ),
        ("required", blocks.BooleanBlock(label=_("required"), required=False, default=True)),
        ("condition", ConditionBlock(required=False)),
        (
            "validators",
            blocks.MultipleChoiceBlock(
                label=_("extra checks"), choices=validator_choices, required=False
            ),
        ),
        (
            "prefill",
            blocks.ChoiceBlock(
                label=_("filled in from"),
                choices=prefill_choices,
                required=False,
                help_text=_("The answer starts with this value; the person can change it."),
            ),
        ),
    ]


class FieldBlock(blocks.StructBlock):
    """Base of every input field; subclasses add their own settings."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*_common_blocks(), *(local_blocks or [])], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        # A pattern that doesn't compile would make every submission of the form fail. It is
        # compiled anchored, as the short text type uses it.
        if value.get("pattern"):
            try:
                re.compile(f"^(?:{value['pattern']})$")
            except re.error as error:
                message = _("This is not a valid regular expression: %(error)s")
                raise StructBlockValidationError(
                    {"pattern": ValidationError(message, params={"error": error})}
                ) from None
        if "choices_from" in self.child_blocks and not (
            value.get("options") or value.get("choices_from")
        ):
            raise StructBlockValidationError(
                {"options": ValidationError(_("Add options, or choose where they come from."))}
            )
        return value


class DisplayTextBlock(blocks.StructBlock):
    text = LocalisedRichTextBlock(label=_("text"))
    condition = ConditionBlock(required=False)

    class Meta:
        label = _("Text to read (no answer)")
        icon = "doc-full"


def field_blocks():
    """A block per registered field type, then text to read."""
    children = [
        (name, FieldBlock(field_type.settings(), label=field_type.label, icon="form"))
        for name, field_type in FIELD_TYPES.items()
    ]
    return [*children, ("display_text", DisplayTextBlock())]


class GroupBlock(blocks.StructBlock):
    """A repeating group: one set of fields per family member, per income, …"""

    name = blocks.CharBlock(label=_("machine name"), validators=[MACHINE_NAME])
    label = LocalisedTextBlock(label=_("label"))
    item_label = LocalisedTextBlock(label=_("label of one item"), help_text=_("e.g. Family member"))
    help_text = OptionalLocalisedTextBlock(label=_("help text"), required=False)
    min_items = blocks.IntegerBlock(label=_("at least"), default=0, min_value=0)
    max_items = blocks.IntegerBlock(label=_("at most"), default=10, min_value=1, max_value=100)
    condition = ConditionBlock(required=False)

    class Meta:
        label = _("Repeating group")
        icon = "group"

    def __init__(self, local_blocks=None, **kwargs):
        fields = blocks.StreamBlock(field_blocks(), label=_("fields of each item"))
        super().__init__([*(local_blocks or []), ("fields", fields)], **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value["min_items"] > value["max_items"]:
            raise StructBlockValidationError(
                {"min_items": ValidationError(_("Can't be more than the maximum."))}
            )
        return value


class StepBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("machine name"), validators=[MACHINE_NAME])
    title = LocalisedTextBlock(label=_("title"))
    condition = ConditionBlock(required=False)

    class Meta:
        label = _("Step")
        icon = "list-ol"

    def __init__(self, local_blocks=None, **kwargs):
        fields = blocks.StreamBlock([*field_blocks(), ("group", GroupBlock())], label=_("fields"))
        super().__init__([*(local_blocks or []), ("fields", fields)], **kwargs)


class DeclarationSchemaBlock(blocks.StreamBlock):
    """A declaration form's steps. The form's StreamField is given the class, not an instance,
    so its blocks are built when first used, with every app's field types."""

    class Meta:
        min_num = 1

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([("step", StepBlock()), *(local_blocks or [])], **kwargs)
