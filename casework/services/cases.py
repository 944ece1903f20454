"""Opening a case and moving it from one status to the next: the only way a case's status
changes, always with an audit event in the same transaction."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..audit import record_event
from ..calendar import decision_due
from ..declaration import read_declaration
from ..models import Case, CaseFlag, CaseMember, Notice
from ..notices import make_notice


class TransitionNotAllowed(Exception):
    pass


def open_case(submission) -> Case:
    """Open the case of a new submission; runs inside the submit transaction."""
    declaration = read_declaration(submission.answers)
    due = decision_due(timezone.localdate(submission.submitted_at or timezone.now()))
    # No savepoint: inside the submit transaction, a failure here fails the whole submission.
    with transaction.atomic(savepoint=False):
        case = Case.objects.create(
            submission=submission, reference=submission.reference, due_date=due
        )
        CaseMember.objects.bulk_create(
            CaseMember(case=case, pin=pin, is_applicant=pin == declaration.applicant.pin)
            for pin in dict.fromkeys(declaration.pins)
        )
        record_event(
            "case_opened",
            case=case,
            data={"reference": case.reference, "channel": submission.channel, "due": due},
        )
    return case


def transition(case: Case, to_status: str, *, actor=None, reason: str = "", data=None) -> Case:
    """Change the status of a locked case; the caller holds the transaction."""
    if to_status not in Case.TRANSITIONS[case.status]:
        raise TransitionNotAllowed(f"{case.reference}: {case.status} → {to_status}")
    from_status = case.status
    case.status = to_status
    case.status_changed_at = timezone.now()
    case.save(update_fields=["status", "status_changed_at"])
    record_event(
        "status_changed",
        case=case,
        actor=actor,
        reason=reason,
        data={"from": from_status, "to": to_status, **(data or {})},
    )
    return case


def flag(case: Case, flags: list[CaseFlag], *, reason: str, actor=None, data=None) -> Case:
    """Send a locked case to a caseworker, with every reason it needs one."""
    CaseFlag.objects.bulk_create(flags)
    transition(
        case,
        Case.Status.FLAGGED,
        actor=actor,
        reason=reason,
        data={"flags": [f.kind for f in flags], **(data or {})},
    )
    # The applicant learns that a person checks it and by when it is decided.
    make_notice(case, Notice.Kind.DELAYED)
    return case


def take_received_cases(case_id: int, *, limit: int) -> list[int]:
    """Batch mode: the received cases a worker enriches together, this one first, up to `limit`,
    oldest first. Each is taken for as long as a task may run, so workers running at once take
    different cases (on PostgreSQL, rows another worker is taking are skipped, not waited for).
    A case another worker has taken is left to it; a case in a later status is only returned."""
    now = timezone.now()
    free = Q(taken_until__isnull=True) | Q(taken_until__lt=now)
    received = Case.objects.filter(free, status=Case.Status.RECEIVED)
    with transaction.atomic():
        taking = received.select_for_update(skip_locked=True)
        own = list(taking.filter(pk=case_id).values_list("pk", flat=True))
        others = list(
            taking.exclude(pk=case_id)
            .order_by("received_at", "pk")
            .values_list("pk", flat=True)[: max(0, limit - 1)]
        )
        until = now + timedelta(seconds=settings.Q_CLUSTER["timeout"])
        Case.objects.filter(pk__in=own + others).update(taken_until=until)
    if not own and Case.objects.filter(pk=case_id, status=Case.Status.RECEIVED).exists():
        return others  # another worker has it in its batch
    return [case_id, *others]
