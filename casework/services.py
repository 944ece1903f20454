"""State changes of cases. Each public function is one transaction and leaves an audit event."""

import logging

from django.db import transaction
from django.utils import timezone

from .audit import record_event
from .models import Case, Decision

logger = logging.getLogger(__name__)

PLACEHOLDER_RULE_SET = "walking-skeleton"


class TransitionNotAllowed(Exception):
    pass


def open_case(submission) -> Case:
    """Open the case of a new submission; runs inside the submit transaction and enqueues the
    processing task only once that transaction has committed."""
    from .tasks import enqueue_process_case

    with transaction.atomic():
        case = Case.objects.create(submission=submission, reference=submission.reference)
        record_event(
            "case_opened",
            case=case,
            data={"reference": case.reference, "channel": submission.channel},
        )
        transaction.on_commit(lambda: enqueue_process_case(case.pk))
    return case


def _transition(case: Case, to_status: str, *, actor=None, reason: str = "", data=None) -> Case:
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


def enrich_case(case_id: int) -> Case:
    """Collect registry data for the case. (Placeholder: the registry client lands later.)"""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.status != Case.Status.RECEIVED:
            return case  # already done by an earlier delivery of the task
        return _transition(case, Case.Status.ENRICHED, data={"registries": []})


def decide_case(case_id: int) -> Case:
    """Decide an enriched case. (Placeholder: records a provisional decision until the
    eligibility rules land.)"""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.status != Case.Status.ENRICHED:
            return case
        decision = Decision.objects.create(
            case=case,
            outcome=Decision.Outcome.PROVISIONAL,
            rule_set_version=PLACEHOLDER_RULE_SET,
            explanation=[
                {
                    "az": "Ərizə qəbul edildi; uyğunluq qaydaları hələ tətbiq edilmir.",
                    "ru": "Заявление принято; правила оценки нуждаемости пока не применяются.",
                    "en": "The declaration was received; eligibility rules are not applied yet.",
                }
            ],
        )
        return _transition(
            case, Case.Status.DECIDED, data={"decision": decision.pk, "outcome": decision.outcome}
        )
