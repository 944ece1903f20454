"""django-q2 entry points: thin, each calls the pipeline (pipeline.py), which is idempotent
because delivery is at least once."""

import logging

from django.utils import timezone

from . import deadlines, notices, pipeline
from .audit import verify_audit_chain

logger = logging.getLogger(__name__)


def process_case(case_id: int) -> str:
    return pipeline.process_case(case_id)


def retry_waiting_cases() -> int:
    """Scheduled every minute: cases waiting for a registry, when their next try is due."""
    return pipeline.retry_waiting_cases()


def sweep_stuck_cases() -> int:
    """Scheduled by casework.schedules."""
    return pipeline.sweep_stuck_cases()


def alert_deadlines() -> dict[str, int]:
    """Scheduled: warn of cases due soon, escalate the overdue ones."""
    return deadlines.alert_deadlines(timezone.localdate())


def verify_audit() -> str:
    """Scheduled every night: the audit trail checked whole; a break is logged as an error."""
    broken = verify_audit_chain()
    if broken:
        logger.error("The audit trail does not hold: %s (event %s)", broken.reason, broken.event)
        return f"broken: {broken.reason}"
    return "holds"


def send_notice(notice_id: int) -> str:
    return notices.send(notice_id)


def send_due_notices() -> int:
    """Scheduled every minute: retries and abandoned sends."""
    return pipeline.send_due_notices()


def check_deliveries() -> int:
    """Scheduled every minute: the SMS gateway's delivery reports."""
    return notices.check_deliveries()


def finish_case(case_id: int) -> str:
    """After a caseworker's decision: the letter, the notices, closing."""
    pipeline.finish(case_id)
    return "finished"
