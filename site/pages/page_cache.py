"""The home and e-service pages served from Django's cache to visitors without a session.

A page view from the cache costs one cache read instead of routing and rendering the page. Only
what is the same for every such visitor is cached: the page itself (never one of its routes,
such as a declaration step), rendered for a request without a session, that set no cookie and
left no message. The CSRF token of a cached form is a placeholder, replaced on every hit by the
visitor's own token, so "Start now" works for everyone. Publishing, unpublishing, moving or
deleting a page, a new form version, or a change of theme or footer empties the cache at once
(a new generation); each entry also expires after settings.PAGE_CACHE_SECONDS.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "pages:anon:generation"
CSRF_PLACEHOLDER = "__anonymous_page_cache_csrf_token__"
CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def _anonymous(request) -> bool:
    """A GET without a session, messages or a query string: nothing personal to show."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def allow_for_anonymous(request):
    """Called while a page is served: its response may be cached for the next visitor."""
    request.page_cache_allowed = True


def purge(**kwargs):
    """Forget every cached page (the entries of older generations are never read again)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous(request):
            return self.get_response(request)
        where = f"{request.get_host()} {request.LANGUAGE_CODE} {request.path}"
        key = "pages:anon:" + hashlib.sha256(where.encode()).hexdigest()
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY, 0)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            return self._replay(request, entry)
        response = self.get_response(request)
        if getattr(request, "page_cache_allowed", False) and self._shareable(request, response):
            cache.set(key, self._freeze(response, generation), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def _shareable(self, request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not request.user.is_authenticated
            and (session is None or (not session.modified and session.is_empty()))
        )

    def _freeze(self, response, generation) -> dict:
        content = CSRF_TOKEN.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode())
        headers = {k: v for k, v in response.items() if k.lower() not in ("set-cookie",)}
        return {"generation": generation, "content": content, "headers": headers}

    def _replay(self, request, entry) -> HttpResponse:
        content = entry["content"]
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request))
        response = HttpResponse(content, headers=entry["headers"])
        response["X-Page-Cache"] = "hit"
        return response


def connect_purge_signals():
    from wagtail.models import Page, Site

    from forms_app.models import DeclarationFormVersion
    from themes.models import ThemeSettings

    from .models import FooterSettings

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"page_cache_purge_{signal}")
    for model in (Page, Site, ThemeSettings, FooterSettings, DeclarationFormVersion):
        post_save.connect(purge, sender=model, dispatch_uid=f"page_cache_save_{model.__name__}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"page_cache_del_{model.__name__}")
