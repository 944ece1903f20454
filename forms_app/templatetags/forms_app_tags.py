from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..schema.conditions import CHANNEL
from ..schema.definition import localised as localised_text

register = template.Library()


@register.simple_tag
def localised(texts, language):
    return localised_text(texts, language)


@register.filter
def localised_in(texts, language):
    return localised_text(texts, language)


@register.simple_tag
def localised_rich(texts, language):
    """Editors' rich text, already sanitised by Wagtail's rich-text editor."""
    from wagtail.rich_text import expand_db_html

    return mark_safe(expand_db_html(localised_text(texts, language)))  # noqa: S308


@register.simple_tag
def bound_field(form, name):
    return form[name]


@register.simple_tag
def condition_attrs(definition, prefix):
    """data-condition-* attributes for the page's script, which applies conditions live. Inside
    a group item the condition may name a field of the same item (`<prefix>-<name>`) or of the
    whole form (`<name>`); the script looks for the first, then the second."""
    condition = getattr(definition, "condition", None)
    if condition is None or condition.field == CHANNEL:
        return ""
    item_target = f"{prefix}-{condition.field}" if prefix else ""
    return format_html(
        ' data-condition-field="{}" data-condition-item-field="{}"'
        ' data-condition-operator="{}" data-condition-value="{}"',
        condition.field,
        item_target,
        condition.operator,
        condition.value,
    )


@register.filter
def error_links(step_form):
    """(path, element id, messages) for the error summary; each links to its field."""
    links = []
    for path, messages in step_form.errors_by_path().items():
        # `family_members[2].pin` is the input `family_members-2-pin`.
        element = path.replace("[", "-").replace("].", "-").rstrip("]")
        links.append((path, f"id_{element}", messages))
    return links
