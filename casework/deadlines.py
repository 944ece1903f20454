"""The 15-working-day clock: a case's caseworker is warned a few working days before its decision
is due (every caseworker, while nobody has claimed it), and Supervisors are told of every case
past its due date. Nothing is ever decided because time ran out: the clock only alerts people.
Each alert is made once (a row per case, person and kind) with its audit event."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q

from .audit import record_event
from .calendar import add_working_days
from .models import Case, DeadlineAlert


def _with_permission(codename):
    permission = Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename)
    return list(get_user_model().objects.filter(permission, is_active=True).distinct())


def alert_deadlines(today) -> dict[str, int]:
    """Warn of flagged cases due within the warning period; escalate every overdue case."""
    warn_until = add_working_days(today, settings.CASEWORK["WARN_WORKING_DAYS_BEFORE_DUE"])
    caseworkers = _with_permission("work_on_cases")
    supervisors = _with_permission("supervise_cases")
    open_cases = Case.objects.exclude(status__in=Case.FINAL_STATUSES).select_related("holder")
    made = {"due_soon": 0, "overdue": 0}
    for case in open_cases.filter(
        status=Case.Status.FLAGGED, due_date__gte=today, due_date__lte=warn_until
    ):
        people = [case.holder] if case.holder else caseworkers
        made["due_soon"] += _alert(case, people, DeadlineAlert.Kind.DUE_SOON, "deadline_warning")
    for case in open_cases.filter(due_date__lt=today):
        made["overdue"] += _alert(case, supervisors, DeadlineAlert.Kind.OVERDUE, "deadline_passed")
    return made


def _alert(case, people, kind, action) -> int:
    """One alert per person; the audit event once, with the first alerts of this kind."""
    with transaction.atomic():
        if DeadlineAlert.objects.filter(case=case, kind=kind).exists():
            return 0
        try:
            DeadlineAlert.objects.bulk_create(
                DeadlineAlert(case=case, user=person, kind=kind) for person in people
            )
        except IntegrityError:  # another run made them meanwhile
            return 0
        record_event(
            action,
            case=case,
            data={"due": case.due_date, "alerted": sorted(p.get_username() for p in people)},
        )
    return 1
