from django.templatetags.static import static

from .context import active_theme_name
from .registry import get_theme, stylesheets


def theme(request):
    """`theme.name`, `theme.label`, its stylesheets (the chain's, root first) and whether it is
    being previewed, for templates."""
    active = get_theme(active_theme_name.get())
    return {
        "theme": {
            "name": active.name,
            "label": active.label,
            "stylesheets": [static(path) for path in stylesheets(active.name)],
            "preview": bool(getattr(request, "theme_preview", None)),
        }
    }
