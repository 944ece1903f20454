from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from ..models import FooterSettings

register = template.Library()


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context):
    """A link per language: to this page's translation where one is live (on a page's own
    route, such as a declaration step, to the same route of the translation, so switching
    language keeps the person where they are), else to the same URL in that language
    (non-page views) or that language's home page."""
    request = context.get("request")
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        route = _route_below(page, request)
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation.url + route
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code)
        if url is None and request is not None and not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
        if url is None:
            url = _home_url(code)
        links.append({"code": code, "name": name, "url": url, "active": code == get_language()})
    return {"links": links}


def _route_below(page, request) -> str:
    """The part of the request's path (and its query) below the page's own URL."""
    if request is None or not page.url or not request.path.startswith(page.url):
        return ""
    rest = request.path[len(page.url) :]
    query = request.META.get("QUERY_STRING", "")
    return rest + (f"?{query}" if rest and query else "")


def _home_url(code):
    locale = Locale.objects.filter(language_code=code).first()
    root = Page.objects.filter(depth=2, locale=locale).live().first() if locale else None
    return root.url if root else "/"


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The footer's pages (privacy, accessibility, feedback, statistics) in the visitor's
    language where translated."""
    request = context.get("request")
    if request is None:
        return []
    footer = FooterSettings.for_request(request)
    locale = Locale.get_active()
    links = []
    for page in footer.pages():
        shown = page.get_translation_or_none(locale) or page
        if shown.live:
            links.append({"url": shown.url, "title": shown.title})
    return links
