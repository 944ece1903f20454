"""django-q2 entry points. Thin and idempotent: delivery is at least once, so each step checks
the case's status and does nothing twice."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_q.tasks import async_task

from . import selectors, services

logger = logging.getLogger(__name__)


def enqueue_process_case(case_id: int):
    async_task(
        "casework.tasks.process_case",
        case_id,
        task_name=f"process-case-{case_id}",
        group="process_case",
    )


def process_received_cases() -> int:
    """Batch mode (settings.CASEWORK["ENRICH_IN_BATCHES"]): every minute, enrich the waiting
    cases together, sharing registry calls, then decide each. Returns how many were enriched."""
    case_ids = list(selectors.received_case_ids(limit=settings.CASEWORK["BATCH_CASES"]))
    enriched = services.enrich_cases(case_ids)
    for case_id in case_ids:
        services.decide_case(case_id)
    return enriched


def process_case(case_id: int) -> str:
    services.enrich_case(case_id)
    case = services.decide_case(case_id)
    return case.status


def sweep_stuck_cases() -> int:
    """Re-enqueue cases stuck in a non-final state (a crash between commit and enqueue, a lost
    worker). Scheduled by casework.schedules."""
    limit = timedelta(minutes=settings.CASEWORK["STUCK_CASE_AFTER_MINUTES"])
    stuck = list(selectors.stuck_case_ids(older_than=timezone.now() - limit))
    for case_id in stuck:
        enqueue_process_case(case_id)
    if stuck:
        logger.warning("Re-enqueued %d stuck cases", len(stuck))
    return len(stuck)
