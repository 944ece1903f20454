"""The task queue's pulse: when each q2 cluster last finished a task (casework/liveness.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per q2 cluster (host and process group), written by its monitor at most every
    WORKER_BEAT_SECONDS while it finishes tasks, and by each worker when it starts."""

    cluster = models.CharField(_("cluster"), max_length=200, unique=True)
    started_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    # When one of its workers last started (ready for work): the cluster has started.
    ready_at = models.DateTimeField(_("worker ready"), null=True)
    last_task_at = models.DateTimeField(_("last task finished"), null=True, db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return self.cluster


class PendingBatch(models.Model):
    """Batch mode's one row: whether a batch task waits in the queue already (since when). A
    submission enqueues a batch task only when none waits; the waiting one takes its case
    along. Thousands of applications an hour then make a few hundred tasks, not one each."""

    queued_at = models.DateTimeField(_("batch task queued at"), null=True)

    class Meta:
        verbose_name = _("pending batch")
        verbose_name_plural = _("pending batches")

    def __str__(self):
        return f"batch task queued at {self.queued_at}" if self.queued_at else "no batch task"
