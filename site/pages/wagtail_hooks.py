from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from forms_app.models import EServicePage

from .models import HomePage
from .page_cache import allow_for_anonymous


@hooks.register("before_serve_page")
def cache_home_and_service_pages(page, request, serve_args, serve_kwargs):
    """The home page and each e-service page itself (not its routes: steps, status…) may be
    served from the cache to the next visitor without a session."""
    if (
        isinstance(page, HomePage | EServicePage)
        and request.path == page.url
        and not page.get_view_restrictions().exists()
    ):
        allow_for_anonymous(request)


class StatisticsPanel(Component):
    """The public statistics on the admin's dashboard."""

    name = "statistics"
    order = 50
    template_name = "pages/admin/statistics_panel.html"

    def get_context_data(self, parent_context=None):
        from .statistics import get_figures

        return {"figures": get_figures(), "title": _("Applications")}


@hooks.register("construct_homepage_panels")
def add_statistics_panel(request, panels):
    if request.user.has_perm("casework.view_case") or request.user.is_superuser:
        panels.append(StatisticsPanel())


@hooks.register("insert_global_admin_css")
def statistics_panel_css():
    return format_html('<link rel="stylesheet" href="{}">', static("pages/admin.css"))


@hooks.register("filter_form_submissions_for_user")
def only_who_sees_submissions(user, editable_forms):
    """What people send through a form page (a feedback form: names, addresses, messages) is
    personal data, like a declaration: editing the page doesn't show it, the permission to see
    submissions does (docs/security.md)."""
    if user.has_perm("forms_app.view_submission"):
        return editable_forms
    return editable_forms.none()
