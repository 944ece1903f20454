"""After the decision: its letter is issued once, the applicant told, and the case closed; for
a batch's cases together (a few statements for all of them), or for one."""

from django.db import transaction

from forms_app.documents import store
from forms_app.models import IssuedDocument

from .. import notices
from ..documents import letters  # noqa: F401  (registers the letter's renderer)
from ..models import Case, Notice
from .cases import CaseWrites


def issue_letters(case_ids: list[int]) -> list[IssuedDocument]:
    """The decided cases' letters: rendered and stored the first time, then only read."""
    cases = list(
        Case.objects.filter(pk__in=case_ids, status=Case.Status.DECIDED)
        .select_related("submission", "decision__rule_set__parameters_version")
        .defer("household", "discrepancies", "decision__facts", "decision__trace")
    )
    with transaction.atomic():
        issued = store.issue_many([case.submission for case in cases], IssuedDocument.Kind.LETTER)
        writes = CaseWrites()
        for case, (letter, new) in zip(cases, issued, strict=True):
            if new:
                data = {"code": letter.code, "sha256": letter.sha256, "language": letter.language}
                writes.event("letter_issued", case, data=data)
        writes.write()
    return [letter for letter, _new in issued]


def send_notices(case_ids: list[int]) -> list[str]:
    """Send the cases' notices that are due (at-least-once delivery makes this run again)."""
    return notices.send_many(notices.due_notice_ids(case_ids), untried=True)


def close_cases(case_ids: list[int]) -> int:
    """DECIDED → CLOSED once the letter is issued and the decision's notice is no longer waiting
    to be sent (sent, delivered, or failed for good: a failed one is shown to Supervisors)."""
    writes = CaseWrites()
    with transaction.atomic():
        cases = list(
            Case.objects.select_for_update()
            .filter(pk__in=case_ids, status=Case.Status.DECIDED)
            .defer("household", "discrepancies")
        )
        lettered = set(
            IssuedDocument.objects.filter(
                submission__case__in=cases, kind=IssuedDocument.Kind.LETTER
            ).values_list("submission_id", flat=True)
        )
        told: dict[int, list] = {}
        for case_id, channel, status in Notice.objects.filter(
            case__in=cases, kind=Notice.Kind.DECISION
        ).values_list("case_id", "channel", "status"):
            told.setdefault(case_id, []).append([channel, status])
        for case in cases:
            decision_notices = told.get(case.pk, [])
            sent = decision_notices and not any(s in Notice.PENDING for _c, s in decision_notices)
            if case.submission_id in lettered and sent:
                writes.move(case, Case.Status.CLOSED, data={"notices": decision_notices})
        writes.write()
    return len(writes.cases)


def finish_after_commit(case_id: int):
    """A caseworker's decision, once committed, goes through the same letter, notice, closing
    (a broker failure then is logged, and the sweeper enqueues the case)."""
    from ..queueing import enqueue_after_commit

    enqueue_after_commit(case_id, "casework.tasks.finish_case")
