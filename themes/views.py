"""The administrator's theme gallery: every theme with its description, the one each site
uses, and a preview of the public pages in a theme for this browser only."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Site

from .middleware import PREVIEW_SESSION_KEY, may_preview_themes
from .models import ThemeSettings
from .registry import available_themes, get_theme


def _check(request):
    if not may_preview_themes(request.user):
        raise PermissionDenied


def gallery(request):
    _check(request)
    themes = list(available_themes().values())
    sites = [(site, get_theme(ThemeSettings.for_site(site).theme)) for site in Site.objects.all()]
    return TemplateResponse(
        request,
        "themes/admin/gallery.html",
        {
            "page_title": _("Themes"),
            "header_icon": "image",
            "themes": themes,
            "sites": sites,
            "previewing": request.session.get(PREVIEW_SESSION_KEY),
        },
    )


@require_POST
def start_preview(request):
    _check(request)
    name = request.POST.get("theme")
    if name not in available_themes():
        messages.error(request, _("There is no such theme."))
        return HttpResponseRedirect(reverse("themes_gallery"))
    request.session[PREVIEW_SESSION_KEY] = name
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return HttpResponseRedirect(site.root_page.url if site else "/")


@require_POST
def stop_preview(request):
    _check(request)
    request.session.pop(PREVIEW_SESSION_KEY, None)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("themes_gallery")
    return HttpResponseRedirect(next_url)
