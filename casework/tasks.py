"""django-q2 entry points: thin, each calls the pipeline (pipeline.py), which is idempotent
because delivery is at least once.

Each survives a short database blip (PostgreSQL restarting, a failover): the broken connection
is closed and the task runs again from the start, which its idempotence makes safe, waiting a
little longer each time, for up to `TASK_DATABASE_RETRY["SECONDS"]`. After that it raises and
q2 records the failure, instead of the task dying unrecorded and waiting Q_RETRY to come back.
"""

import functools
import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone

from . import deadlines, liveness, notices, pipeline
from .audit import verify_audit_chain

logger = logging.getLogger(__name__)


def survives_database_blips(task):
    @functools.wraps(task)
    def run(*args, **kwargs):
        retry = settings.CASEWORK["TASK_DATABASE_RETRY"]
        give_up_at = time.monotonic() + retry["SECONDS"]
        wait = retry["FIRST_WAIT"]
        while True:
            try:
                return task(*args, **kwargs)
            except (OperationalError, InterfaceError) as error:
                if any(c.in_atomic_block for c in connections.all(initialized_only=True)):
                    raise  # run inline in a caller's transaction (sync mode): the caller's
                connections.close_all()  # the next query opens a fresh connection
                if time.monotonic() + wait > give_up_at:
                    raise
                logger.warning(
                    "%s: database unavailable (%s); again in %.1f s", task.__name__, error, wait
                )
                time.sleep(wait)
                wait = min(wait * 2, retry["MAX_WAIT"])

    return run


@survives_database_blips
def process_case(case_id: int) -> str:
    return pipeline.process_case(case_id)


@survives_database_blips
def retry_waiting_cases() -> int:
    """Scheduled every minute: cases waiting for a registry, when their next try is due."""
    return pipeline.retry_waiting_cases()


@survives_database_blips
def sweep_stuck_cases() -> int:
    """Scheduled by casework.schedules."""
    return pipeline.sweep_stuck_cases()


@survives_database_blips
def alert_deadlines() -> dict[str, int]:
    """Scheduled: warn of cases due soon, escalate the overdue ones."""
    return deadlines.alert_deadlines(timezone.localdate())


@survives_database_blips
def verify_audit() -> str:
    """Scheduled every night: the audit trail checked whole; a break is logged as an error."""
    broken = verify_audit_chain()
    if broken:
        logger.error("The audit trail does not hold: %s (event %s)", broken.reason, broken.event)
        return f"broken: {broken.reason}"
    return "holds"


@survives_database_blips
def send_notice(notice_id: int) -> str:
    return notices.send(notice_id)


@survives_database_blips
def send_due_notices() -> int:
    """Scheduled every minute: retries and abandoned sends."""
    return pipeline.send_due_notices()


@survives_database_blips
def check_deliveries() -> int:
    """Scheduled every minute: the SMS gateway's delivery reports."""
    return notices.check_deliveries()


@survives_database_blips
def finish_case(case_id: int) -> str:
    """After a caseworker's decision: the letter, the notices, closing."""
    pipeline.finish(case_id)
    return "finished"


@survives_database_blips
def finish_cases(case_ids: list[int]) -> str:
    """A batch's decided cases, a few at a time: their letters, notices, closing."""
    pipeline.finish_cases(case_ids)
    return "finished"


def heartbeat():
    """Scheduled every minute, and enqueued by `manage.py runworker` when the queue is empty:
    a healthy cluster finishes it, a wedged one does not (casework/liveness.py)."""
    liveness.heartbeat()
