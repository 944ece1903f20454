"""`make run`: the development web server and a django-q2 cluster side by side, stopped together.

django-q2's cluster can hang in its own SIGTERM handler (django-q2 issue #346), so a stop that
waits for it politely may wait forever: it gets SIGTERM, a few seconds, then SIGKILL for its whole
process group. A cluster that dies on its own is started again.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

GRACE_SECONDS = 10


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
                    self.stderr.write(f"q2 cluster exited ({cluster.returncode}): restarting it")
                    cluster = self._start_cluster(manage)
                time.sleep(1)
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self._stop(cluster)
            self._stop(web)

    def _start_cluster(self, manage):
        # Its own process group, so stopping it reaches every worker it forked.
        return subprocess.Popen([*manage, "qcluster"], start_new_session=True)

    def _stop(self, process):
        """SIGTERM, then SIGKILL after the grace period, to the process's group if it leads one."""
        if process.poll() is not None:
            return
        leads_a_group = os.getpgid(process.pid) == process.pid

        def send(sig):
            os.killpg(process.pid, sig) if leads_a_group else process.send_signal(sig)

        send(signal.SIGTERM)
        try:
            process.wait(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.stderr.write(f"pid {process.pid} ignored SIGTERM for {GRACE_SECONDS} s: killed")
            send(signal.SIGKILL)
            process.wait()
