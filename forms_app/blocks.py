from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ServiceInfoBlock(blocks.StreamBlock):
    """What a citizen reads before applying: who may apply, how, and by when."""

    heading = blocks.CharBlock(label=_("heading"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("paragraph"))
    notice = blocks.StructBlock(
        [
            ("heading", blocks.CharBlock(label=_("heading"))),
            ("text", blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])),
        ],
        label=_("notice"),
        icon="warning",
    )
