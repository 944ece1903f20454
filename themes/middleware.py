from wagtail.models import Site

from .context import active_theme_name
from .models import ThemeSettings
from .registry import get_theme


class ActiveThemeMiddleware:
    """Picks the theme of the request's Wagtail Site for the template loader."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # for_request caches the setting on the request, for the templates' `settings` too.
        site = Site.find_for_request(request)
        name = ThemeSettings.for_request(request).theme if site else None
        token = active_theme_name.set(get_theme(name).name)
        try:
            return self.get_response(request)
        finally:
            active_theme_name.reset(token)
