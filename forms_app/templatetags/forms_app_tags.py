from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..schema.conditions import CHANNEL
from ..schema.definition import localised as localised_text
from ..schema.field_types import DayMonthYearWidget

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


def field_kind(field) -> str:
    """How a bound field is laid out: "choices" (radios or checkboxes in a fieldset), "date"
    (day, month and year in a fieldset), "checkbox" (one box), "input" (everything else)."""
    widget = field.field.widget
    if isinstance(widget, DayMonthYearWidget):
        return "date"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


register.filter("field_kind", field_kind)


def first_input_id(field) -> str:
    """The id of the element an error summary link should focus: the first radio, checkbox or
    date box of a fieldset, the input itself otherwise."""
    if field_kind(field) in ("choices", "date"):
        return f"{field.auto_id}_0"
    return field.auto_id


@register.simple_tag
def describedby(field, show_errors) -> str:
    """The ids of the field's hint and (shown) error, as rendered by field.html."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if show_errors and field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.simple_tag
def field_widget(field, show_errors):
    """The field's input, described by exactly the hint and error on the page. (Django's own
    attributes would name an error that isn't shown, e.g. after "Add another".)"""
    attrs = {}
    ids = describedby(field, show_errors)
    if ids and field_kind(field) != "date":  # a date's fieldset is described instead
        attrs["aria-describedby"] = ids
    if show_errors and field.errors:
        attrs["aria-invalid"] = "true"
    if field.auto_id and "id" not in field.field.widget.attrs:
        attrs["id"] = field.auto_id
    return field.field.widget.render(
        field.html_name, field.value(), attrs=attrs, renderer=field.form.renderer
    )


@register.filter
def error_links(step_form):
    """(element id, message) for the error summary: each field's first message, linked to the
    element that answers it; a group item's fields say which item they belong to."""
    links = []
    for path, messages in step_form.errors_by_path().items():
        field, context = _bound_field_of(step_form, path)
        if field is not None:
            target = first_input_id(field)
        elif path in step_form.formsets:
            target = f"group-{path}"
        else:
            target = "main"
        message = str(messages[0])
        links.append((target, f"{context}: {message}" if context else message))
    return links


def _bound_field_of(step_form, path):
    """The bound field an error path names, and the group item it is in ("Family member 2")."""
    if "[" not in path:
        form = step_form.form
        return (form[path], "") if path in form.fields else (None, "")
    group_name, _sep, rest = path.partition("[")
    index, _sep, name = rest.partition("].")
    formset = step_form.formsets.get(group_name)
    if formset is None or not index.isdigit() or int(index) >= len(formset.forms):
        return None, ""
    item_form = formset.forms[int(index)]
    if name not in item_form.fields:
        return None, ""
    item_label = localised_text(formset.group.item_label, step_form.language)
    return item_form[name], f"{item_label} {int(index) + 1}"
