from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from forms_app import verification
from forms_app.api import api
from pages import health
from pages import views as pages_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v1/", api.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", pages_views.favicon),
    path("healthz", health.web, name="healthz"),
    path("healthz/worker", health.worker, name="healthz_worker"),
]

if apps.is_installed("registry_mocks"):
    urlpatterns.append(path("registry-mocks/", include("registry_mocks.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Azerbaijani pages at /, Russian at /ru/, English at /en/.
urlpatterns += i18n_patterns(
    path("search/", pages_views.search, name="search"),
    path("verify/", verification.verify_form, name="verify_form"),
    path("verify/<str:code>/", verification.verify_document, name="verify_document"),
    path(
        "statistics/charts/<slug:name>.svg",
        pages_views.statistics_chart,
        name="statistics_chart",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
