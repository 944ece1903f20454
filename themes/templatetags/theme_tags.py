from django import template
from django.templatetags.static import static

from ..context import active_theme_name
from ..registry import static_path

register = template.Library()


@register.simple_tag
def theme_static(path):
    """The URL of a static file as the active theme has it: its own copy, its parent's, …, or
    the app's own (`forms_app/declaration.js`)."""
    return static(static_path(active_theme_name.get(), path))
