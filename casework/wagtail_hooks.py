"""casework's admin, all Wagtail admin views and viewsets (the style forms_app uses): the cases'
queue and pages, the Supervisors' board and audit check, the working calendar, the registry
catalogue and its health, and the rule parameters."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarDay, Case, RegistrySource, RuleParameters
from .services.desk import can_supervise, can_work
from .views import case, queue, registries, rules, supervision
from .views.permissions import CasePermissionPolicy

# Registered before any view asks, or Wagtail would fall back to the model's own permissions.
register_permission_policy(Case, CasePermissionPolicy(Case))


class CaseViewSet(ModelViewSet):
    """The queue: nothing is added, edited or deleted here; each case opens on its own page."""

    model = Case
    name = "cases"
    icon = "folder-open-inverse"
    menu_label = _("Cases")
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = queue.CaseQueueView
    filterset_class = queue.CaseFilterSet
    search_fields = ["reference"]
    search_backend_name = None
    list_display = [
        "reference",
        "status",
        queue.FlagsColumn("flags", label=_("Flagged for")),
        "district",
        "due_date",
        queue.DaysLeftColumn("days_left", label=_("Days left")),
        Column("holder", label=_("Caseworker")),
    ]
    list_per_page = 50

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_permissions_to_register(self):
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["work_on_cases", "supervise_cases"])
        )


class RegistrySourceViewSet(ModelViewSet):
    """The registry catalogue: URLs, keys, timeouts, retries and breaker limits are data. A key
    is never shown again once stored: the field is empty and leaving it empty keeps the key."""

    model = RegistrySource
    name = "registries"
    icon = "link-external"
    menu_label = _("Registries")
    menu_order = 310
    add_to_admin_menu = True
    list_display = [
        "code",
        "name_az",
        "base_url",
        BooleanColumn("required", label=_("required")),
        BooleanColumn("enabled", label=_("enabled")),
    ]
    list_filter = ["required", "enabled"]
    search_fields = ["code", "name_az", "name_en"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return registries.RegistrySourceForm


class CalendarDayViewSet(ModelViewSet):
    """Days off and working days the government moves, beside the public holidays."""

    model = CalendarDay
    name = "working_calendar"
    icon = "date"
    menu_label = _("Working calendar")
    menu_order = 315
    add_to_admin_menu = True
    form_fields = ["day", "kind", "note"]
    list_display = ["day", "kind", "note"]
    copy_view_enabled = False


class RuleParametersViewSet(SnippetViewSet):
    """The rules' parameters: drafts, revisions, moderation; publishing freezes a version."""

    model = RuleParameters
    icon = "calculator"
    menu_label = _("Rule parameters")
    menu_order = 330
    add_to_admin_menu = True
    list_display = [
        "title",
        "effective_from",
        LiveStatusTagColumn(label=_("Status")),
        UpdatedAtColumn(),
    ]
    edit_view_class = rules.RuleParametersEditView


register_snippet(RuleParametersViewSet)


@hooks.register("register_admin_viewset")
def register_casework_viewsets():
    return [CaseViewSet(), RegistrySourceViewSet(), CalendarDayViewSet()]


CASE = "casework/case/<int:pk>/"
case_urls = [
    path(CASE, case.case_page, name="casework_case"),
    path(f"{CASE}claim/", case.claim, name="casework_case_claim"),
    path(f"{CASE}release/", case.release, name="casework_case_release"),
    path(f"{CASE}reassign/", case.reassign, name="casework_case_reassign"),
    path(f"{CASE}rerun/", case.rerun, name="casework_case_rerun"),
    path(f"{CASE}resolve/", case.resolve, name="casework_case_resolve"),
    path(
        f"{CASE}resolutions/<int:resolution_id>/approve/",
        case.review,
        {"approve": True},
        name="casework_case_approve",
    ),
    path(
        f"{CASE}resolutions/<int:resolution_id>/reject/",
        case.review,
        {"approve": False},
        name="casework_case_reject",
    ),
    path(f"{CASE}documents/", case.request_document, name="casework_case_request_document"),
    path(f"{CASE}lookups/<int:lookup_id>/", case.lookup, name="casework_case_lookup"),
]


@hooks.register("register_admin_urls")
def register_casework_admin_urls():
    return [
        *case_urls,
        path("casework/sla/", supervision.sla_board, name="casework_sla_board"),
        path("casework/audit/", supervision.audit_check, name="casework_audit_check"),
        path("registry-health/", registries.registry_health, name="casework_registry_health"),
        path(
            "rule-parameters/<int:pk>/simulate/",
            rules.simulate_rule_parameters,
            name="casework_simulate_rule_parameters",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


@hooks.register("register_admin_menu_item")
def register_sla_board_menu_item():
    return PermissionMenuItem(
        _("SLA board"),
        reverse("casework_sla_board"),
        icon_name="time",
        order=305,
        shown_to=can_supervise,
    )


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return PermissionMenuItem(
        _("Audit trail"),
        reverse("casework_audit_check"),
        icon_name="lock",
        order=306,
        shown_to=can_supervise,
    )


@hooks.register("register_admin_menu_item")
def register_registry_health_menu_item():
    return PermissionMenuItem(
        _("Registry health"),
        reverse("casework_registry_health"),
        icon_name="pulse",
        order=320,
        shown_to=lambda user: user.has_perm("casework.view_registrysource"),
    )


@hooks.register("construct_homepage_panels")
def add_deadline_panel(request, panels):
    if can_work(request.user) or can_supervise(request.user):
        panels.insert(0, supervision.DeadlinePanel(request.user))


@hooks.register("construct_homepage_panels")
def add_task_queue_panel(request, panels):
    if request.user.is_superuser or can_supervise(request.user):
        panels.insert(0, supervision.TaskQueuePanel())
