"""Putting a case's task on the q2 queue, after its transaction committed.

The commit is what counts: a broker that can't be reached at that moment (Redis restarting, the
database between the commit and the enqueue) must not turn a saved application into an error
for the person who sent it. The failure is logged, `Case.enqueued_at` stays empty, and the
sweeper (pipeline.sweep_stuck_cases, every `SWEEP_EVERY_MINUTES`) enqueues the case.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_q.conf import Conf
from django_q.tasks import async_task

from .models import Case, PendingBatch

logger = logging.getLogger(__name__)


def enqueue_case(case_id: int, func: str = "casework.tasks.process_case") -> bool:
    """Enqueue the case's task and note when; False (logged) when the broker refused it."""
    return _enqueue(func, case_id, [case_id])


def enqueue_into_batch(case_id: int) -> bool:
    """Batch mode: the case goes with the next batch. A batch task is enqueued for it only when
    none waits in the queue already (PendingBatch); else the waiting one takes it along. A batch
    task that has waited longer than a task can be held and run (lost with a broker, or held
    by a worker that died) no longer counts as waiting."""
    now = timezone.now()
    lost = now - timedelta(seconds=settings.Q_CLUSTER["retry"] + settings.Q_CLUSTER["timeout"])
    try:
        claimed = _claim_batch(now, lost)
    except Exception:
        if Conf.SYNC:
            raise
        logger.exception("Case %s could not join a batch; the sweeper will enqueue it", case_id)
        return False
    if not claimed:
        return _noted([case_id])
    if _enqueue("casework.tasks.process_case", case_id, [case_id]):
        return True
    PendingBatch.objects.filter(pk=1, queued_at=now).update(queued_at=None)
    return False


def _claim_batch(now, lost) -> bool:
    """Note a batch task as queued now unless one waits, in one statement (an upsert that
    changes the row only when no batch task waits): whether this caller is to enqueue it."""
    table = connection.ops.quote_name(PendingBatch._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, queued_at) VALUES (1, %s) "  # noqa: S608
            f"ON CONFLICT (id) DO UPDATE SET queued_at = excluded.queued_at "
            f"WHERE {table}.queued_at IS NULL OR {table}.queued_at < %s RETURNING id",
            [connection.ops.adapt_datetimefield_value(value) for value in (now, lost)],
        )
        return cursor.fetchone() is not None


def batch_started():
    """A batch task runs: the next submission enqueues the next one."""
    PendingBatch.objects.filter(pk=1).update(queued_at=None)


def enqueue_cases(case_ids: list[int], func: str) -> bool:
    """One task for several cases (a batch's finishing), noted on each of them."""
    return _enqueue(func, case_ids, case_ids)


def _enqueue(func: str, argument, case_ids: list[int]) -> bool:
    name = func.rsplit(".", 1)[-1]
    try:
        async_task(func, argument, task_name=f"{name.replace('_', '-')}-{case_ids[0]}", group=name)
    except Exception:
        if Conf.SYNC:
            raise  # the task ran right here (tests, no cluster): its errors are its own
        logger.exception("Cases %s could not be enqueued; the sweeper will enqueue them", case_ids)
        return False
    return _noted(case_ids)


def _noted(case_ids: list[int]) -> bool:
    try:
        Case.objects.filter(pk__in=case_ids).update(enqueued_at=timezone.now())
    except Exception:
        # Enqueued all the same; the sweeper may enqueue them once more, which is harmless.
        logger.exception("Cases %s were enqueued but the time could not be noted", case_ids)
    return True


def enqueue_after_commit(case_id: int, func: str = "casework.tasks.process_case"):
    """Called inside the transaction that moved the case: the task is enqueued once it commits.
    Until then the case counts as not enqueued, so a failed enqueue is picked up soon."""
    Case.objects.filter(pk=case_id).update(enqueued_at=None)
    transaction.on_commit(lambda: enqueue_case(case_id, func))
