from django.conf import settings
from wagtail.models import Site

from .context import active_theme_name
from .models import ThemeSettings
from .registry import available_themes, get_theme

PREVIEW_SESSION_KEY = "themes:preview"


def may_preview_themes(user) -> bool:
    return user.is_authenticated and user.has_perm("themes.change_themesettings")


def previewed_theme(request) -> str | None:
    """The theme an administrator chose to preview in this browser only, if any. Only a
    signed-in administrator's session holds one, so no visitor (nor the page cache) sees it."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES or not hasattr(request, "session"):
        return None
    name = request.session.get(PREVIEW_SESSION_KEY)
    if name in available_themes() and may_preview_themes(request.user):
        return name
    return None


class ActiveThemeMiddleware:
    """Picks the theme of the request's Wagtail Site (or the one being previewed) for the
    template loader."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.API_PATH_PREFIX):
            # The JSON API renders no template: no theme, nor the Site and settings look-ups.
            request.theme_preview = None
            return self.get_response(request)
        request.theme_preview = previewed_theme(request)
        name = request.theme_preview
        if name is None and Site.find_for_request(request):
            # for_request caches the setting on the request, for the templates' `settings` too.
            name = ThemeSettings.for_request(request).theme
        token = active_theme_name.set(get_theme(name).name)
        try:
            return self.get_response(request)
        finally:
            active_theme_name.reset(token)
