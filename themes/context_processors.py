from .context import active_theme_name
from .registry import get_theme


def theme(request):
    """`theme.name` and `theme.static` ("themes/<name>/") for templates."""
    active = get_theme(active_theme_name.get())
    return {
        "theme": {"name": active.name, "label": active.label, "static": f"themes/{active.name}/"}
    }
