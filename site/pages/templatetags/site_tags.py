from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page

register = template.Library()


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context):
    """A link per language: to this page's translation where one is live, else to the same URL
    in that language (non-page views) or that language's home page."""
    request = context.get("request")
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation.url
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code)
        if url is None and request is not None and not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
        if url is None:
            url = _home_url(code)
        links.append({"code": code, "name": name, "url": url, "active": code == get_language()})
    return {"links": links}


def _home_url(code):
    locale = Locale.objects.filter(language_code=code).first()
    root = Page.objects.filter(depth=2, locale=locale).live().first() if locale else None
    return root.url if root else "/"
