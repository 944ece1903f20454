"""A case's whole path after its declaration is submitted, in order, in one place (as Open Forms'
`on_post_submission_event`):

    enrich → decide → letter → notify → close

A case whose required registry did not answer waits between enrich and decide, and is enriched
again when its next try is due (retry_waiting_cases).

Each step takes the case id, looks at the case's status and does nothing when it is not that
step's turn, so running the pipeline again (at-least-once delivery, the sweeper) is always safe.
A case that needs a person stops at FLAGGED; the caseworker's resolution is a service, and once it
decides, the pipeline finishes the case (letter → notify → close). Tasks (tasks.py) only call the
functions here.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import notices, queueing, selectors, services
from .models import Case, Notice

logger = logging.getLogger(__name__)


def process_case(case_id: int) -> str:
    """Take one case as far as it can go by itself; returns where it stopped. In batch mode the
    worker takes other received cases along (one registry call per registry for all of them,
    one vectorised simulation), so however many workers run, each works in batches."""
    if settings.CASEWORK["ENRICH_IN_BATCHES"]:
        limit = settings.CASEWORK["BATCH_CASES"]
        queueing.batch_started()
        _gather(limit)
        if case_ids := services.take_received_cases(case_id, limit=limit):
            _process_together(case_ids, own=case_id)
    else:
        services.enrich_case(case_id)
        services.decide_case(case_id)
        finish(case_id)
    return Case.objects.values_list("status", flat=True).get(pk=case_id)


def _gather(limit: int):
    """Batch mode when applications come one by one: wait until the oldest received case that
    no worker has taken is `BATCH_GATHER_SECONDS` old, unless a whole batch waits already, so
    the cases that arrive meanwhile are enriched and decided with it (a batch costs little more
    than one case; a few seconds more before a decision cost nobody anything)."""
    oldest, waiting = selectors.oldest_free_received(at_most=limit)
    if oldest is None or waiting >= limit:
        return
    age = (timezone.now() - oldest).total_seconds()
    wait = settings.CASEWORK["BATCH_GATHER_SECONDS"] - age
    if wait > 0:
        time.sleep(wait)


def finish(case_id: int):
    """A decided case (by the rules or a caseworker): its letter, its notices, closing it."""
    finish_cases([case_id])


def finish_cases(case_ids: list[int]):
    """Decided cases, a batch's few at a time: each step for all of them at once."""
    services.issue_letters(case_ids)
    services.send_notices(case_ids)
    services.close_cases(case_ids)


def retry_waiting_cases() -> int:
    """Cases waiting for a required registry, once their next try is due: asked again together,
    only the registries that did not answer. Scheduled every minute."""
    case_ids = list(
        selectors.waiting_case_ids_due(now=timezone.now(), limit=settings.CASEWORK["BATCH_CASES"])
    )
    return _process_together(case_ids)


def _process_together(case_ids: list[int], *, own: int | None = None) -> int:
    """Enrich and decide cases together; then the cases decided here are finished by tasks of
    `FINISH_CASES` cases each (the letters, the notices and closing: workers share them, and a
    batch never runs past the task time-out or loses its last cases' letters with a killed
    worker). The task's `own` case, if decided here, is finished right here; one that another
    batch decided is that batch's to finish (or the sweeper's, after a crash)."""
    enriched = services.enrich_cases(case_ids)
    decided = services.decide_cases(case_ids)  # one vectorised simulation for the batch
    if own in decided:
        finish(own)
        decided.remove(own)
    finish_later(decided)
    return enriched


def finish_later(case_ids: list[int]) -> int:
    """Enqueue the decided cases' finishing, `FINISH_CASES` cases a task; returns how many
    cases were enqueued."""
    size = settings.CASEWORK["FINISH_CASES"]
    chunks = [case_ids[start : start + size] for start in range(0, len(case_ids), size)]
    return sum(
        len(chunk)
        for chunk in chunks
        if queueing.enqueue_cases(chunk, "casework.tasks.finish_cases")
    )


def start(case: Case):
    """Called in the transaction that opened the case: once it commits, the case goes to the
    queue (a broker failure then is logged, and the sweeper enqueues it); in batch mode the
    worker that takes it takes other received cases along."""
    transaction.on_commit(lambda: enqueue(case.pk))


def enqueue(case_id: int) -> bool:
    if settings.CASEWORK["ENRICH_IN_BATCHES"]:
        return queueing.enqueue_into_batch(case_id)
    return queueing.enqueue_case(case_id)


def sweep_stuck_cases() -> int:
    """The pipeline's retry, scheduled every `SWEEP_EVERY_MINUTES`: enqueue each case whose task
    never reached the queue (the broker failed after the commit) once it is
    `UNQUEUED_CASE_AFTER_MINUTES` old, and each case idle longer than `STUCK_CASE_AFTER_MINUTES`
    (its worker died and q2's own redelivery did not take it on). A case whose task merely
    waits in the queue is left alone: enqueueing it again would only duplicate work."""
    now = timezone.now()
    unqueued = selectors.unqueued_case_ids(
        older_than=now - timedelta(minutes=settings.CASEWORK["UNQUEUED_CASE_AFTER_MINUTES"])
    )
    stuck = selectors.stuck_case_ids(
        older_than=now - timedelta(minutes=settings.CASEWORK["STUCK_CASE_AFTER_MINUTES"])
    )
    case_ids = sorted(set(unqueued) | set(stuck))
    # A decided case only waits for its finish; the others start again from where they are.
    decided = list(
        Case.objects.filter(pk__in=case_ids, status=Case.Status.DECIDED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    enqueued = finish_later(decided)
    # A task of its own each (rare): a batch takes only received cases along.
    others = set(case_ids) - set(decided)
    enqueued += sum(1 for case_id in sorted(others) if queueing.enqueue_case(case_id))
    if case_ids:
        logger.warning(
            "Sweeper: %d cases never reached the queue, %d were stuck; %d enqueued",
            len(unqueued),
            len(stuck),
            enqueued,
        )
    return enqueued


def send_due_notices() -> int:
    """The notices' retry: those queued and due (backoff after a failure), and those a worker
    claimed and never finished. Scheduled every minute."""
    due = notices.due_notice_ids()
    notices.send_many(due)
    # A decided case whose notice went out here (its finish never sent it) can close now.
    services.close_cases(
        list(Notice.objects.filter(pk__in=due).values_list("case_id", flat=True).distinct())
    )
    return len(due)
