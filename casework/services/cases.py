"""Opening a case and moving it from one status to the next: the only way a case's status
changes, always with an audit event in the same transaction."""

from django.db import transaction
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
