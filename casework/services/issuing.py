"""After the decision: its letter is issued once, the applicant told, and the case closed."""

from django.db import transaction

from forms_app.documents import store
from forms_app.models import IssuedDocument

from .. import notices
from ..audit import record_event
from ..documents import letters  # noqa: F401  (registers the letter's renderer)
from ..models import Case, Notice
from .cases import transition


def issue_letter(case_id: int) -> IssuedDocument | None:
    """The decided case's letter: rendered and stored the first time, then only read."""
    case = Case.objects.select_related("submission").get(pk=case_id)
    if case.status != Case.Status.DECIDED:
        return None
    already = IssuedDocument.objects.filter(
        submission=case.submission, kind=IssuedDocument.Kind.LETTER
    ).exists()
    letter = store.issue(case.submission, IssuedDocument.Kind.LETTER)
    if not already:
        record_event(
            "letter_issued",
            case=case,
            data={"code": letter.code, "sha256": letter.sha256, "language": letter.language},
        )
    return letter


def send_notices(case_id: int) -> list[str]:
    """Send the case's notices that are due (at-least-once delivery makes this run again)."""
    return [notices.send(notice_id) for notice_id in notices.due_notice_ids(case_id)]


def close_case(case_id: int) -> Case:
    """DECIDED → CLOSED once the letter is issued and the decision's notice is no longer waiting
    to be sent (sent, delivered, or failed for good: a failed one is shown to Supervisors)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("submission").get(pk=case_id)
        if case.status != Case.Status.DECIDED:
            return case
        lettered = IssuedDocument.objects.filter(
            submission=case.submission, kind=IssuedDocument.Kind.LETTER
        ).exists()
        decision_notices = case.notices.filter(kind=Notice.Kind.DECISION)
        told = (
            decision_notices.exists()
            and not decision_notices.filter(status__in=Notice.PENDING).exists()
        )
        if lettered and told:
            transition(
                case,
                Case.Status.CLOSED,
                data={
                    "notices": list(decision_notices.values_list("channel", "status")),
                },
            )
    return case


def finish_after_commit(case_id: int):
    """A caseworker's decision, once committed, goes through the same letter, notice, closing
    (a broker failure then is logged, and the sweeper enqueues the case)."""
    from ..queueing import enqueue_after_commit

    enqueue_after_commit(case_id, "casework.tasks.finish_case")
