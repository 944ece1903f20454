"""`manage.py runworker`: a django-q2 cluster that is restarted when it dies or stops working.

django-q2 can wedge (issue #23): a worker killed while it waits in the cluster's shared task
queue leaves the queue's lock held, and the cluster runs nothing more, silently; its SIGTERM
handler may then hang too (#346). So the cluster (`manage.py qcluster`) runs in a process group
of its own; every WORKER_POLL_SECONDS this supervisor asks casework/liveness.py whether it
finished anything lately while tasks wait, and when it did not for
WORKER_STALLED_AFTER_SECONDS, or when the cluster exited, it SIGKILLs the whole group and starts
a fresh cluster. Tasks it held are delivered again (after Q_RETRY) and are idempotent; cases
whose task was lost are the sweeper's. When the queue is empty it enqueues a heartbeat task so
that an idle cluster that wedged is noticed too.

SIGTERM or Ctrl-C stop it: the cluster gets SIGTERM (workers finish their task), a grace
period, then SIGKILL.
"""

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
from datetime import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from casework import liveness

logger = logging.getLogger("casework.runworker")

# How long a stopping cluster may take before it is killed (rundev waits longer for us).
STOP_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Run a q2 cluster, restarted when it dies or stops processing tasks (django-q2 #23)."

    def handle(self, *args, **options):
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.last_probe = float("-inf")
        cluster, since = self._start()
        try:
            while not self.stopping:
                time.sleep(settings.CASEWORK["WORKER_POLL_SECONDS"])
                if self.stopping:
                    break
                why = self._why_restart(cluster, since)
                if why:
                    logger.error("Restarting the q2 cluster (pid %s): %s", cluster.pid, why)
                    self._kill(cluster)
                    cluster, since = self._start()
        finally:
            self._terminate(cluster)

    def _stop(self, signum, frame):
        self.stopping = True

    def _start(self) -> tuple[subprocess.Popen, datetime]:
        # Its own process group, so one signal reaches the sentinel and every worker it forked.
        cluster = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )
        logger.info("Started a q2 cluster: pid %s", cluster.pid)
        return cluster, timezone.now()

    def _why_restart(self, cluster: subprocess.Popen, since: datetime) -> str:
        if cluster.poll() is not None:
            return f"it exited with {cluster.returncode}"
        try:
            why = liveness.cluster_is_wedged(liveness.cluster_name(cluster.pid), since)
            self._probe()
        except Exception as error:
            # The database or the broker is down: no cluster could work, a restart won't help.
            logger.warning("Could not check the q2 cluster: %s", error)
            return ""
        return why

    def _probe(self):
        """A heartbeat task when the queue is empty, so that progress is expected even when
        there is no work."""
        every = settings.CASEWORK["WORKER_HEARTBEAT_SECONDS"]
        if time.monotonic() - self.last_probe < every or liveness.queued_tasks():
            return
        from django_q.tasks import async_task

        async_task("casework.tasks.heartbeat", save=False, group="heartbeat")
        self.last_probe = time.monotonic()

    def _kill(self, cluster: subprocess.Popen):
        with contextlib.suppress(ProcessLookupError):  # the whole group is gone already
            os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait()

    def _terminate(self, cluster: subprocess.Popen):
        """SIGTERM to the group (workers finish their task), then SIGKILL after the grace
        period: a cluster may hang in its own SIGTERM handler (django-q2 #346)."""
        try:
            os.killpg(cluster.pid, signal.SIGTERM)
            cluster.wait(timeout=STOP_GRACE_SECONDS)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            logger.warning("The q2 cluster ignored SIGTERM for %s s: killed", STOP_GRACE_SECONDS)
        self._kill(cluster)
