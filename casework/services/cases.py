"""Opening a case and moving it from one status to the next: the only way a case's status
changes, always with an audit event in the same transaction."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Case as Conditional
from django.db.models import Value, When
from django.utils import timezone

from .. import bulk, selectors
from ..audit import record_event, record_events
from ..calendar import decision_due
from ..declaration import read_declaration
from ..models import AuditEvent, Case, CaseFlag, CaseMember, Notice
from ..notices import make_notice

logger = logging.getLogger(__name__)


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


class CaseWrites:
    """Changes to locked cases, written together at the end of the caller's transaction: the
    cases' changed fields in one update, their flags in one insert, their audit events in one
    append to the chain. A batch of cases costs a few statements, not a few per case; one case
    is a batch of one (`transition`, `flag`)."""

    def __init__(self):
        self.cases: dict[int, Case] = {}
        self.fields: set[str] = set()
        self.flags: list[CaseFlag] = []
        self.events: list[AuditEvent] = []
        self.now = timezone.now()  # the moves of a batch happen together

    def change(self, case: Case, **values):
        for name, value in values.items():
            setattr(case, name, value)
        self.cases[case.pk] = case
        self.fields |= set(values)

    def event(self, action: str, case: Case, *, actor=None, reason: str = "", data=None):
        self.events.append(
            AuditEvent(case=case, action=action, actor=actor, reason=reason, data=data)
        )

    def move(self, case: Case, to_status: str, *, actor=None, reason: str = "", data=None):
        if to_status not in Case.TRANSITIONS[case.status]:
            raise TransitionNotAllowed(f"{case.reference}: {case.status} → {to_status}")
        from_status = case.status
        self.change(case, status=to_status, status_changed_at=self.now)
        data = {"from": from_status, "to": to_status, **(data or {})}
        self.event("status_changed", case, actor=actor, reason=reason, data=data)

    def flag(self, case: Case, flags: list[CaseFlag], *, reason: str, actor=None, data=None):
        """Send the case to a caseworker, with every reason it needs one."""
        self.flags += flags
        data = {"flags": [f.kind for f in flags], **(data or {})}
        self.move(case, Case.Status.FLAGGED, actor=actor, reason=reason, data=data)
        # The applicant learns that a person checks it and by when it is decided.
        make_notice(case, Notice.Kind.DELAYED)

    def write(self):
        with transaction.atomic(savepoint=False):
            bulk.update(list(self.cases.values()), sorted(self.fields))
            CaseFlag.objects.bulk_create(self.flags)
            record_events(self.events)


def together_or_one_by_one(items: list, store, *, what: str) -> int:
    """`store(items)` in one transaction (a batch's writes cost about what one case's do), or,
    when that fails, `store([item])` for each: an item that can't be stored holds up no other
    (it is logged; the sweeper takes its case up again). A database that is away is not an
    item's fault: the task rides it out (tasks.survives_database_blips)."""
    try:
        return store(items)
    except (OperationalError, InterfaceError):
        raise
    except Exception:
        if len(items) == 1:
            raise
        logger.exception("%d %s could not be stored together: one by one", len(items), what)
    stored = 0
    for item in items:
        try:
            stored += store([item])
        except (OperationalError, InterfaceError):
            raise
        except Exception:
            logger.exception("One of the %s could not be stored: %r", what, item)
    return stored


def transition(case: Case, to_status: str, *, actor=None, reason: str = "", data=None) -> Case:
    """Change the status of a locked case; the caller holds the transaction."""
    writes = CaseWrites()
    writes.move(case, to_status, actor=actor, reason=reason, data=data)
    writes.write()
    return case


def flag(case: Case, flags: list[CaseFlag], *, reason: str, actor=None, data=None) -> Case:
    """Send a locked case to a caseworker, with every reason it needs one."""
    writes = CaseWrites()
    writes.flag(case, flags, reason=reason, actor=actor, data=data)
    writes.write()
    return case


def take_received_cases(case_id: int, *, limit: int) -> list[int]:
    """Batch mode: the received cases a worker enriches together, this one first, up to `limit`,
    oldest first. Each is taken for as long as a task may run, so workers running at once take
    different cases (on PostgreSQL, rows another worker is taking are skipped, not waited for).
    A case another worker has taken is left to it; this case when enriched (its batch's worker
    died before deciding it) comes first too, to be decided."""
    now = timezone.now()
    own_first = When(pk=case_id, then=Value(0))
    with transaction.atomic():
        taken = list(
            selectors.free_received_cases(now)
            .select_for_update(skip_locked=True)
            .order_by(Conditional(own_first, default=Value(1)), "received_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if taken:
            until = now + timedelta(seconds=settings.Q_CLUSTER["timeout"])
            Case.objects.filter(pk__in=taken).update(taken_until=until)
    if case_id in taken:
        return taken
    status = Case.objects.filter(pk=case_id).values_list("status", flat=True).first()
    return [case_id, *taken] if status == Case.Status.ENRICHED else taken
