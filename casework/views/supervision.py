"""What Supervisors watch: the SLA board, the audit trail's check, and the deadline alerts a desk
shows first."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from .. import selectors
from ..audit import verify_audit_chain
from ..charts import daily_bars
from ..models import AuditEvent, DeadlineAlert
from ..services.desk import can_supervise


def sla_board(request):
    if not can_supervise(request.user):
        raise PermissionDenied
    figures = selectors.sla_figures(timezone.localdate())
    days = [day for day, _a, _d in figures["daily"]]
    chart = daily_bars(
        days,
        {
            _("Applications"): [arrived for _day, arrived, _d in figures["daily"]],
            _("Decisions"): [decided for _day, _a, decided in figures["daily"]],
        },
        title=_("The last 30 days"),
    )
    waiting, waiting_count = selectors.waiting_cases()
    return TemplateResponse(
        request,
        "casework/admin/sla_board.html",
        {
            **figures,
            "waiting": waiting,
            "waiting_count": waiting_count,
            "wait_hours": settings.CASEWORK["REGISTRY_WAIT_HOURS"],
            "chart": mark_safe(chart),  # noqa: S308  (drawn here by matplotlib, no user input)
            "page_title": _("SLA board"),
            "header_icon": "time",
        },
    )


def audit_check(request):
    """The whole chain verified now, and whether its newest event is the recorded head."""
    if not can_supervise(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "casework/admin/audit_check.html",
        {
            "broken": verify_audit_chain(),
            "events": AuditEvent.objects.count(),
            "page_title": _("Audit trail"),
            "header_icon": "lock",
        },
    )


class DeadlinePanel(Component):
    """On the dashboard: the deadline alerts this person has not opened yet."""

    name = "deadline_alerts"
    order = 50
    template_name = "casework/admin/deadline_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        alerts = DeadlineAlert.objects.filter(user=self.user, seen_at__isnull=True)
        return {"alerts": alerts.select_related("case").order_by("case__due_date")[:20]}


class TaskQueuePanel(Component):
    """On the dashboard of supervisors and administrators: is the task queue doing its work
    (casework/liveness.py), and since when not."""

    name = "task_queue"
    order = 40
    template_name = "casework/admin/task_queue_panel.html"

    def get_context_data(self, parent_context=None):
        from .. import liveness

        try:
            health = liveness.queue_health()
        except Exception:  # the broker itself can't be reached
            return {"unknown": True}
        return {"health": health}
