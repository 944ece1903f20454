from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    """A highlighted notice, e.g. a deadline or who may apply."""

    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"), form_classname="title", template="blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("paragraph"))
    callout = CalloutBlock(label=_("callout"))
