"""The faults a load run injects (`Options`: a registry flaky or down, workers and clusters
killed, PostgreSQL and the web server restarted), each at its time from the first submission,
from a thread of their own. Each is noted as an event for the report and the chart."""

import contextlib
import threading
import time

import httpx

from . import processes


class Faults:
    def __init__(self, run):
        self.run = run
        self.o = run.o
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="faults")

    def start(self):
        self._thread.start()

    def stop(self):
        """No more faults; a registry left broken would keep cases from finishing."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def plan(self) -> list[tuple[float, callable]]:
        o, plan = self.o, []
        if o.flaky_registry:
            # Time-outs sleep past the client's read time-out (the catalogue's 5 s).
            config = {"error_rate": 0.15, "timeout_rate": 0.15, "timeout_sleep_s": 6}
            plan.append((0.0, lambda: self.set_registry(o.flaky_registry, config)))
            plan.append(
                (0.0, lambda: self.run.event(f"{o.flaky_registry}: 30 % errors and time-outs"))
            )
        if o.down_registry and o.down_for:
            down = {"outages": [["00:00", "24:00"]]}
            plan.append((o.down_at, lambda: self.set_registry(o.down_registry, down)))
            plan.append((o.down_at, lambda: self.run.event(f"{o.down_registry} down")))
            plan.append((o.down_at + o.down_for, lambda: self.set_registry(o.down_registry, None)))
            plan.append((o.down_at + o.down_for, lambda: self.run.event(f"{o.down_registry} back")))
        if o.kill_cluster_at:
            plan.append((o.kill_cluster_at, self.kill_cluster))
        if o.restart_db_at:
            plan.append((o.restart_db_at, self.restart_database))
        if o.restart_web_at:
            plan.append((o.restart_web_at, self.restart_web))
        return sorted(plan, key=lambda item: item[0])

    def set_registry(self, code: str, config: dict | None):
        """A registry's run-time faults (None: none)."""
        url = f"{self.run.mocks_url}{code}/_faults"
        headers = {"X-Api-Key": processes.MOCKS_API_KEY}
        if config is None:
            httpx.delete(url, headers=headers, timeout=10).raise_for_status()
        else:
            httpx.post(url, json=config, headers=headers, timeout=10).raise_for_status()

    def kill_cluster(self):
        cluster = self.run.clusters[0]
        cluster.kill()
        self.run.event(f"kill -9 of {cluster.name} (every process)")
        time.sleep(2)
        self.run.start_cluster(cluster.name, existing=cluster)
        self.run.event(f"{cluster.name} started again")

    def restart_database(self):
        self.run.event("PostgreSQL restarting")
        self.run.pg.restart()
        self.run.event("PostgreSQL restarted")

    def restart_web(self):
        for web in self.run.webs:
            web.kill()
        self.run.event("kill -9 of the web server")
        time.sleep(1)
        for web in self.run.webs:
            web.start()
        self.run.event("web server started again")

    def kill_a_worker(self):
        run = self.run
        cluster = run.rng.choice(run.clusters)
        pid = processes.kill_a_worker(cluster, run.auxiliaries[cluster.name], run.rng)
        run.event(f"kill -9 of a worker of {cluster.name} (pid {pid})")

    def _loop(self):
        plan = self.plan()
        next_kill = self.o.kill_worker_every or None
        while not self._stop.is_set():
            now = time.monotonic() - self.run.t0
            while plan and plan[0][0] <= now:
                _at, action = plan.pop(0)
                try:
                    action()
                except Exception as error:  # a fault that fails is reported, not fatal
                    self.run.event(f"fault failed: {error!r}")
            # Workers die while declarations come in; afterwards the run sees the recovery.
            if next_kill is not None and now >= next_kill and not self.run.submitted.is_set():
                self.kill_a_worker()
                next_kill += self.o.kill_worker_every
            self._stop.wait(0.2)
        for code in {self.o.flaky_registry, self.o.down_registry} - {""}:
            with contextlib.suppress(httpx.HTTPError):
                self.set_registry(code, None)
