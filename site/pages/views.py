from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from wagtail.models import Locale, Page

from themes.context import active_theme_name
from themes.registry import static_path

RESULTS_PER_PAGE = 10


def search(request):
    """Full-text search over the live pages of the visitor's language."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    return TemplateResponse(request, "pages/search.html", {"query": query, "results": page})


def statistics_chart(request, name):
    """A chart of the public statistics, as SVG, in the request's language."""
    from .statistics import CHARTS, chart_svg

    if name not in CHARTS:
        raise Http404
    response = HttpResponse(chart_svg(name), content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=settings.STATISTICS["CACHE_SECONDS"])
    return response


def favicon(request):
    """/favicon.ico, which browsers ask for on their own: the active theme's icon."""
    return HttpResponseRedirect(static(static_path(active_theme_name.get(), "images/favicon.ico")))
