"""`make run`: the development web server and a django-q2 cluster side by side, stopped together.

The cluster runs under `manage.py runworker`, which restarts it when it dies or stops processing
tasks (django-q2 issue #23) and stops it with SIGTERM, then SIGKILL (#346). The web server gets
SIGTERM, a few seconds, then SIGKILL. A supervisor that dies on its own is started again.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

GRACE_SECONDS = 10
# runworker itself gives its cluster 10 seconds before killing it.
WORKER_GRACE_SECONDS = 20


class Command(BaseCommand):
    help = "Run the development server and a q2 cluster; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        manage = [sys.executable, "manage.py"]
        web = subprocess.Popen([*manage, "runserver", addrport])
        cluster = self._start_cluster(manage)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while web.poll() is None:
                if cluster.poll() is not None:
                    self.stderr.write(f"runworker exited ({cluster.returncode}): restarting it")
                    cluster = self._start_cluster(manage)
                time.sleep(1)
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self._stop(cluster, grace=WORKER_GRACE_SECONDS)
            self._stop(web)

    def _start_cluster(self, manage):
        # Its own process group: Ctrl-C reaches it through us, in order.
        return subprocess.Popen([*manage, "runworker"], start_new_session=True)

    def _stop(self, process, grace=GRACE_SECONDS):
        """SIGTERM, then SIGKILL after the grace period, to the process's group if it leads one."""
        if process.poll() is not None:
            return
        leads_a_group = os.getpgid(process.pid) == process.pid

        def send(sig):
            os.killpg(process.pid, sig) if leads_a_group else process.send_signal(sig)

        send(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.stderr.write(f"pid {process.pid} ignored SIGTERM for {grace} s: killed")
            send(signal.SIGKILL)
            process.wait()
