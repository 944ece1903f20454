"""Is the task queue doing its work? (django-q2 issue #23: a worker killed while it waits in the
cluster's shared task queue leaves the queue's lock held; the cluster then runs nothing, says
nothing, and ignores SIGTERM.)

Progress is what counts, not processes being alive: each cluster's monitor notes when it last
finished a task (`WorkerHeartbeat`, at most every WORKER_BEAT_SECONDS), and a heartbeat task
scheduled every minute (and enqueued by `manage.py runworker` whenever the queue is empty)
makes sure a healthy, idle cluster still finishes one. So:

- the queue (every cluster together) is stalled when tasks wait and none finished for
  WORKER_STALLED_AFTER_SECONDS, or when not even the heartbeat ran for that long plus its own
  interval (/healthz/worker, the admin's dashboard);
- one cluster is wedged when it finished nothing for WORKER_STALLED_AFTER_SECONDS while tasks
  wait, or while the queue as a whole is stalled (runworker restarts it).
"""

import logging
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from multiprocessing import current_process

from django.conf import settings
from django.db.models import F, Max
from django.dispatch import receiver
from django.utils import timezone
from django_q.signals import post_execute, post_spawn

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# How late the scheduled heartbeat may be: its minute, plus the scheduler's 30-second tick.
SCHEDULED_HEARTBEAT_SECONDS = 90


def cluster_name(pgid: int | None = None) -> str:
    """This process's cluster: the host and the process group every process of one
    `manage.py qcluster` shares (runworker starts each cluster as a group of its own)."""
    return f"{socket.gethostname()}:{os.getpgrp() if pgid is None else pgid}"


_last_beat = {"at": float("-inf")}


@receiver(post_spawn)
def note_ready(sender, proc_name=None, **kwargs):
    """Sent by each worker once it started: the cluster is up (a worker reincarnated by q2 sends
    it too). Until then, a cluster is starting, not wedged. A task run inline (sync mode,
    tests) goes through a worker in this very process: no cluster started."""
    if current_process().name == "MainProcess":
        return
    try:
        WorkerHeartbeat.objects.update_or_create(
            cluster=cluster_name(), defaults={"ready_at": timezone.now()}
        )
    except Exception:
        logger.exception("Could not note that a worker started")


@receiver(post_execute)
def note_progress(sender, task=None, **kwargs):
    """Sent by the cluster's monitor after each finished task (succeeded or failed); a task run
    inline (sync mode, tests) is no cluster's progress."""
    if task and task.get("sync"):
        return
    now = time.monotonic()
    if now - _last_beat["at"] < settings.CASEWORK["WORKER_BEAT_SECONDS"]:
        return
    _last_beat["at"] = now
    try:
        WorkerHeartbeat.objects.update_or_create(
            cluster=cluster_name(), defaults={"last_task_at": timezone.now()}
        )
    except Exception:
        # The monitor must go on saving results whatever happens here.
        logger.exception("Could not note the cluster's progress")


def queued_tasks() -> int:
    """Tasks waiting in the broker, not yet taken by any cluster."""
    from django_q.brokers import get_broker

    return get_broker().queue_size()


def stalled_after() -> timedelta:
    return timedelta(seconds=settings.CASEWORK["WORKER_STALLED_AFTER_SECONDS"])


@dataclass
class QueueHealth:
    healthy: bool
    last_task_at: datetime | None
    queued: int
    detail: str
    clusters: list = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "status": "ok" if self.healthy else "stalled",
            "last_task_at": self.last_task_at.isoformat() if self.last_task_at else None,
            "queued": self.queued,
            "detail": self.detail,
        }


def queue_health(now: datetime | None = None) -> QueueHealth:
    now = now or timezone.now()
    clusters = list(WorkerHeartbeat.objects.order_by(F("last_task_at").desc(nulls_last=True)))
    last = clusters[0].last_task_at if clusters else None
    queued = queued_tasks()
    limit = stalled_after()
    heartbeat_limit = limit + timedelta(seconds=SCHEDULED_HEARTBEAT_SECONDS)
    if last is None:
        healthy, detail = False, "no worker has finished a task yet"
    elif queued and now - last > limit:
        since = timezone.localtime(last)
        healthy, detail = False, f"{queued} tasks wait and none finished since {since:%H:%M:%S}"
    elif now - last > heartbeat_limit:
        since = timezone.localtime(last)
        healthy, detail = False, f"not even the heartbeat ran since {since:%H:%M:%S}"
    else:
        healthy, detail = True, "tasks are being processed"
    return QueueHealth(healthy, last, queued, detail, clusters)


def cluster_is_wedged(name: str, running_since: datetime, now: datetime | None = None) -> str:
    """Why the cluster `name` (started at `running_since`) should be restarted, or ""."""
    now = now or timezone.now()
    limit = stalled_after()
    own = WorkerHeartbeat.objects.filter(cluster=name).values("ready_at", "last_task_at").first()
    ready_at = own and own["ready_at"]
    if not ready_at or ready_at < running_since:
        starting = timedelta(seconds=settings.CASEWORK["WORKER_START_SECONDS"])
        if now - running_since > starting:
            return f"no worker started within {starting.seconds} s"
        return ""  # still starting
    progress = max(filter(None, [own["last_task_at"], ready_at]))
    if now - progress <= limit:
        return ""
    since = f"{timezone.localtime(progress):%H:%M:%S}"
    queued = queued_tasks()
    if queued:
        return f"{queued} tasks wait and this cluster finished none since {since}"
    last = WorkerHeartbeat.objects.aggregate(last=Max("last_task_at"))["last"]
    if last is None or now - last > limit:
        return f"no cluster finished a task, not even the heartbeat, since {since}"
    return ""


def heartbeat():
    """The heartbeat task: that it finishes is the point. It also forgets clusters gone for a
    day (restarted ones get a new name)."""
    WorkerHeartbeat.objects.filter(last_task_at__lt=timezone.now() - timedelta(days=1)).delete()
