"""The load run: N declarations through the JSON API, decided by q2 clusters, with faults.

`run(Options(...))` starts everything on 127.0.0.1 (a private PostgreSQL cluster, the registry
mocks, gunicorn, K q2 clusters), submits from C client threads with idempotency keys (retrying
with the same key on errors and time-outs), waits until every case is final, then measures and
checks what happened. It returns a `Result` and writes a table (Markdown and JSON) and a chart
under `Options.out`. `manage.py loadtest` is its command line; tests/load/ runs it small.

The driver reads the database directly (psycopg), so it runs under any settings; every child
process runs `config.settings.load` on the run's own database.
"""

import contextlib
import json
import os
import random
import statistics
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from queue import Empty, Queue
from zoneinfo import ZoneInfo

import httpx

from . import processes
from .processes import CpuMeter, PrivatePostgres, Process, ProcessFailed, wait_until_answers

HOST = "127.0.0.1"
MAX_DECLARATIONS = 50_000
MAX_SECONDS = 3 * 3600
FINAL = ("decided", "closed", "flagged")
# Statuses a case reaches only by itself and leaves only by a person: counted as final.
BAKU = ZoneInfo("Asia/Baku")


@dataclass
class Options:
    count: int = 600
    clients: int = 8
    # Declarations a second the clients aim at (0: as fast as the server takes them). A steady
    # rate spreads a small run over time, so that faults land while cases are in flight.
    rate: float = 0.0
    web_servers: int = 1
    web_workers: int = os.cpu_count() or 2
    clusters: int = 1
    q_workers: int = 2
    batch: bool = True
    batch_cases: int = 200
    broker: str = "orm"
    redis_url: str = "redis://127.0.0.1:6379/4"
    latency_ms: tuple[int, int] = (50, 200)
    mock_workers: int = 1
    q_timeout: int = 120
    q_retry: int = 180
    timeout: float = 1800.0  # the whole run, set-up excluded
    request_timeout: float = 30.0
    out: Path | None = None
    pg_dir: Path = Path("/tmp/emuraciet-load-pg")
    pg_port: int = 0  # 0: a free one
    database: str = "emuraciet_load"
    host: str = HOST
    progress: bool = True
    seed: int = 13
    # Faults, in seconds from the first submission.
    kill_worker_every: float = 0.0
    kill_cluster_at: float = 0.0
    flaky_registry: str = ""  # 30 % errors and time-outs
    down_registry: str = ""
    down_at: float = 2.0
    down_for: float = 0.0
    restart_db_at: float = 0.0
    restart_web_at: float = 0.0

    def faults(self) -> list[str]:
        named = []
        if self.kill_worker_every:
            named.append(f"kill -9 a q2 worker every {self.kill_worker_every:g} s")
        if self.kill_cluster_at:
            named.append(f"kill -9 a whole cluster at {self.kill_cluster_at:g} s")
        if self.flaky_registry:
            named.append(f"{self.flaky_registry}: 30 % errors and time-outs")
        if self.down_registry and self.down_for:
            named.append(f"{self.down_registry} down for {self.down_for:g} s")
        if self.restart_db_at:
            named.append(f"PostgreSQL restarted at {self.restart_db_at:g} s")
        if self.restart_web_at:
            named.append(f"web server killed and restarted at {self.restart_web_at:g} s")
        return named


@dataclass
class Declaration:
    label: str
    answers: dict
    key: str
    status: int | None = None
    reference: str | None = None
    attempts: int = 0
    first_sent: float | None = None
    accepted_at: float | None = None
    detail: str = ""


@dataclass
class Result:
    options: dict
    figures: dict
    checks: dict
    not_final: list = field(default_factory=list)
    events: list = field(default_factory=list)
    out: str = ""

    @property
    def holds(self) -> bool:
        c = self.checks
        return (
            c["lost"] == 0
            and c["duplicated"] == 0
            and c["not_final"] == 0
            and c["decided_twice"] == 0
            and c["notices_twice"] == 0
            and c["audit_holds"]
        )


class Run:
    def __init__(self, options: Options, pg: PrivatePostgres | None = None):
        if options.host != HOST:
            raise ValueError(f"The load run only runs against {HOST}, never {options.host}.")
        if not 0 < options.count <= MAX_DECLARATIONS:
            raise ValueError(f"Between 1 and {MAX_DECLARATIONS} declarations.")
        if not 0 < options.timeout <= MAX_SECONDS:
            raise ValueError(f"A run lasts at most {MAX_SECONDS} s.")
        self.o = options
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        self.out = Path(options.out or processes.ROOT / "var" / "loadtest" / stamp).resolve()
        self.out.mkdir(parents=True, exist_ok=True)
        self.logs = self.out / "logs"
        self.logs.mkdir(exist_ok=True)
        self.own_pg = pg is None
        self.pg = pg or PrivatePostgres(options.pg_dir, options.pg_port or processes.free_port())
        self.rng = random.Random(options.seed)
        self.webs: list[Process] = []
        self.clusters: list[Process] = []
        self.auxiliaries: dict[str, set[int]] = {}
        self.mocks: Process | None = None
        self.events: list[dict] = []
        self.stop_faults = threading.Event()
        self.submitted = threading.Event()
        self.t0 = 0.0
        self.responses: dict[str, int] = {}
        self._lock = threading.Lock()
        self._last_progress = -10.0
        self.phases: dict[str, float] = {}

    # Set-up ------------------------------------------------------------------------------------

    def env(self) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "Q_BROKER", "DJANGO_SETTINGS_MODULE"}
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": processes.SETTINGS,
                "DATABASE_URL": self.pg.url(self.o.database),
                "DB_CONN_MAX_AGE": "60",
                "Q_SYNC": "0",
                "Q_WORKERS": str(self.o.q_workers),
                "Q_TIMEOUT": str(self.o.q_timeout),
                "Q_RETRY": str(self.o.q_retry),
                # A task riding out a database restart must give up before q2 times it out.
                "TASK_DATABASE_RETRY_SECONDS": str(max(1, self.o.q_timeout // 2)),
                "ENRICH_IN_BATCHES": "1" if self.o.batch else "",
                "BATCH_CASES": str(self.o.batch_cases),
                "API_SUBMISSIONS_PER_MINUTE": "10000000",
                "LOAD_HOUSEHOLDS": str(self.households()),
                "LOAD_LATENCY_MS": ",".join(map(str, self.o.latency_ms)),
                "LOAD_OUTBOX": str(self.out / "outbox"),
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if self.o.broker == "redis":
            env.update({"Q_BROKER": "redis", "REDIS_URL": self.o.redis_url})
        return env

    def set_up(self):
        self.pg.start()
        env = self.env()
        processes.create_database(self.pg, self.o.database, env, self.logs / "setup.log")
        if self.o.broker == "redis":
            import redis

            redis.Redis.from_url(self.o.redis_url).flushdb()
        mocks_port = processes.free_port()
        self.mocks_url = f"http://{HOST}:{mocks_port}/registry-mocks/"
        self.mocks = processes.registry_mocks(
            mocks_port, self.o.mock_workers, env, self.logs / "mocks.log"
        ).start()
        # The catalogue asks the mocks' process; the run's faults set time-outs beyond its limit.
        self.pg.execute(
            "UPDATE casework_registrysource SET base_url = %s || code || '/', api_key = 'dev-key',"
            " consecutive_failures = 0, opened_until = NULL",
            self.o.database,
            [self.mocks_url],
        )
        self.web_port = processes.free_port()
        self.base_url = f"http://{HOST}:{self.web_port}"
        env["SITE_URL"] = self.base_url
        self.run_env = env
        for number in range(self.o.web_servers):
            self.webs.append(
                processes.gunicorn(
                    f"web{number + 1}",
                    self.web_port,
                    self.o.web_workers,
                    env,
                    self.logs / f"web{number + 1}.log",
                    reuse_port=self.o.web_servers > 1,
                ).start()
            )
        # The clusters start while the web servers do (their set-up is no part of the figures).
        for number in range(self.o.clusters):
            self.start_cluster(f"cluster{number + 1}", note=False)
        wait_until_answers(self.mocks_url + "civil/_faults", self.mocks)
        for web in self.webs:
            wait_until_answers(self.base_url + "/api/v1/services/", web)
        services = httpx.get(self.base_url + "/api/v1/services/", timeout=30).json()
        self.submissions_url = services[0]["submissions_url"]
        # Every web worker loads its code and opens its connection before the clock starts.
        with httpx.Client(timeout=30) as http:
            for _ in range(4 * self.o.web_workers * self.o.web_servers):
                http.get(self.base_url + "/api/v1/services/")
        for cluster in self.clusters:
            self.auxiliaries[cluster.name] = processes.note_auxiliaries(cluster)

    def worker_command(self) -> list[str]:
        """A q2 cluster under `manage.py runworker`, as production runs it."""
        return [sys.executable, "manage.py", "runworker"]

    def start_cluster(self, name: str, existing: Process | None = None, note: bool = True):
        # At INFO, django-q2 logs every task it processed: which cluster did what.
        env = {**self.run_env, "LOG_LEVEL": "INFO"}
        cluster = existing or Process(name, self.worker_command(), env, self.logs / f"{name}.log")
        if existing is None:
            self.clusters.append(cluster)
        cluster.start()
        if note:
            self.auxiliaries[name] = processes.note_auxiliaries(cluster)

    # Faults ------------------------------------------------------------------------------------

    def event(self, what: str):
        self.events.append({"at": round(time.monotonic() - self.t0, 1), "what": what})

    def set_faults(self, code: str, config: dict | None):
        url = f"{self.mocks_url}{code}/_faults"
        headers = {"X-Api-Key": "dev-key"}
        if config is None:
            httpx.delete(url, headers=headers, timeout=10).raise_for_status()
        else:
            httpx.post(url, json=config, headers=headers, timeout=10).raise_for_status()

    def fault_plan(self) -> list[tuple[float, callable]]:
        o, plan = self.o, []
        if o.flaky_registry:
            # Time-outs sleep past the client's read time-out (the catalogue's 5 s).
            config = {"error_rate": 0.15, "timeout_rate": 0.15, "timeout_sleep_s": 6}
            plan.append((0.0, lambda: self.set_faults(o.flaky_registry, config)))
            plan.append((0.0, lambda: self.event(f"{o.flaky_registry}: 30 % errors and time-outs")))
        if o.down_registry and o.down_for:
            down = {"outages": [["00:00", "24:00"]]}
            plan.append((o.down_at, lambda: self.set_faults(o.down_registry, down)))
            plan.append((o.down_at, lambda: self.event(f"{o.down_registry} down")))
            plan.append((o.down_at + o.down_for, lambda: self.set_faults(o.down_registry, None)))
            plan.append((o.down_at + o.down_for, lambda: self.event(f"{o.down_registry} back")))
        if o.kill_cluster_at:
            plan.append((o.kill_cluster_at, self.kill_cluster))
        if o.restart_db_at:
            plan.append((o.restart_db_at, self.restart_database))
        if o.restart_web_at:
            plan.append((o.restart_web_at, self.restart_web))
        return sorted(plan, key=lambda item: item[0])

    def kill_cluster(self):
        cluster = self.clusters[0]
        cluster.kill()
        self.event(f"kill -9 of {cluster.name} (every process)")
        time.sleep(2)
        self.start_cluster(cluster.name, existing=cluster)
        self.event(f"{cluster.name} started again")

    def restart_database(self):
        self.event("PostgreSQL restarting")
        self.pg.restart()
        self.event("PostgreSQL restarted")

    def restart_web(self):
        for web in self.webs:
            web.kill()
        self.event("kill -9 of the web server")
        time.sleep(1)
        for web in self.webs:
            web.start()
        self.event("web server started again")

    def run_faults(self):
        plan = self.fault_plan()
        next_kill = self.o.kill_worker_every or None
        while not self.stop_faults.is_set():
            now = time.monotonic() - self.t0
            while plan and plan[0][0] <= now:
                _at, action = plan.pop(0)
                try:
                    action()
                except Exception as error:  # a fault that fails is reported, not fatal
                    self.event(f"fault failed: {error!r}")
            # Workers die while declarations come in; afterwards the run sees the recovery.
            if next_kill is not None and now >= next_kill and not self.submitted.is_set():
                cluster = self.rng.choice(self.clusters)
                pid = processes.kill_a_worker(cluster, self.auxiliaries[cluster.name], self.rng)
                self.event(f"kill -9 of a worker of {cluster.name} (pid {pid})")
                next_kill += self.o.kill_worker_every
            self.stop_faults.wait(0.2)
        # A registry left broken would keep cases from finishing.
        for code in {self.o.flaky_registry, self.o.down_registry} - {""}:
            with contextlib.suppress(httpx.HTTPError):
                self.set_faults(code, None)

    # Submitting --------------------------------------------------------------------------------

    def households(self) -> int:
        """The mocks' population: enough households for the declarations (not every one
        applies, see declarations.py), the same in the driver and the mocks' process."""
        return 2000 + self.o.count * 4

    def declarations(self) -> list[Declaration]:
        from registry_mocks.population import Population

        from .declarations import declarations

        population = Population("e-muraciet", self.households())
        today = datetime.now(BAKU).date()
        return [
            Declaration(label, answers, key=str(uuid.UUID(int=self.rng.getrandbits(128))))
            for label, answers in declarations(
                population, today, self.o.count, processes=os.cpu_count() or 1
            )
        ]

    def submit_all(self, pending: list[Declaration], deadline: float):
        work: Queue = Queue()
        for number, declaration in enumerate(pending):
            work.put((number, declaration))
        threads = [
            threading.Thread(target=self.client, args=(work, deadline), daemon=True)
            for _ in range(self.o.clients)
        ]
        for thread in threads:
            thread.start()
        return threads

    def client(self, work: Queue, deadline: float):
        with httpx.Client(timeout=self.o.request_timeout) as http:
            while True:
                try:
                    number, declaration = work.get_nowait()
                except Empty:
                    return
                if self.o.rate:
                    wait = self.t0 + number / self.o.rate - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                self.send(http, declaration, deadline)

    def send(self, http: httpx.Client, declaration: Declaration, deadline: float):
        """POST until the server gives an answer that is not worth repeating, always with the
        same key: a retry of a declaration already saved must answer its first reference."""
        headers = {"Idempotency-Key": declaration.key}
        declaration.first_sent = time.monotonic()
        while time.monotonic() < deadline:
            declaration.attempts += 1
            try:
                response = http.post(
                    self.submissions_url, json=declaration.answers, headers=headers
                )
            except httpx.TransportError as error:
                self.count(type(error).__name__)
                time.sleep(0.5)
                continue
            self.count(str(response.status_code))
            declaration.status = response.status_code
            if response.status_code == 201:
                declaration.reference = response.json()["reference"]
                declaration.accepted_at = time.monotonic()
                return
            if response.status_code in (429, 500, 502, 503, 504):
                retry_after = response.headers.get("Retry-After", "1")
                time.sleep(min(float(retry_after) if retry_after.isdigit() else 1.0, 2.0))
                continue
            declaration.detail = response.text[:500]
            return  # 4xx: the declaration itself is refused; sending it again changes nothing

    def count(self, what: str):
        with self._lock:
            self.responses[what] = self.responses.get(what, 0) + 1

    # Watching ----------------------------------------------------------------------------------

    def query(self, sql: str, params=None):
        return self.pg.execute(sql, self.o.database, params)

    def case_counts(self) -> dict[str, int]:
        try:
            rows = self.query("SELECT status, count(*) FROM casework_case GROUP BY status")
        except Exception:  # the database restarting: no figures this second
            return {}
        return dict(rows)

    def progress(self, declarations: list[Declaration], final_line=False):
        if not self.o.progress:
            return
        accepted = sum(d.accepted_at is not None for d in declarations)
        counts = self.case_counts()
        final = sum(counts.get(s, 0) for s in FINAL)
        elapsed = time.monotonic() - self.t0
        width = 30
        done = int(width * final / len(declarations))
        bar = "#" * done + "-" * (width - done)
        line = (
            f"\r[{bar}] {elapsed:6.0f} s  submitted {accepted}/{len(declarations)}  "
            f"final {final}  ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})"
        )
        if sys.stderr.isatty():
            sys.stderr.write(line[:150].ljust(150) + ("\n" if final_line else ""))
        elif final_line or elapsed - self._last_progress >= 10:
            sys.stderr.write(line.lstrip("\r") + "\n")  # a log, not a terminal: now and then
            self._last_progress = elapsed
        sys.stderr.flush()

    def wait_until_final(self, declarations, threads, deadline) -> float:
        """Until every accepted case is final and its notices are out, or the deadline."""
        while time.monotonic() < deadline:
            self.progress(declarations)
            submitting = any(t.is_alive() for t in threads)
            if not submitting:
                counts = self.case_counts()
                accepted = sum(d.reference is not None for d in declarations)
                pending = sum(v for k, v in counts.items() if k not in FINAL)
                if counts and pending == 0 and sum(counts.values()) >= accepted:
                    return time.monotonic()
            time.sleep(1)
        return time.monotonic()

    def wait_for_notices(self, deadline: float):
        while time.monotonic() < deadline:
            try:
                (pending,) = self.query(
                    "SELECT count(*) FROM casework_notice WHERE status IN ('queued', 'sending')"
                )[0]
            except Exception:
                pending = 1
            if pending == 0:
                return
            time.sleep(1)

    # The run -----------------------------------------------------------------------------------

    def run(self) -> Result:
        started = time.monotonic()
        try:
            self.set_up()
            declarations = self.declarations()
            self.phases["set-up"] = round(time.monotonic() - started, 1)
            meter = CpuMeter()
            meter.watch("web", lambda: [w.pid for w in self.webs if w.alive()])
            meter.watch("worker", lambda: [c.pid for c in self.clusters if c.alive()])
            meter.watch("mocks", lambda: [self.mocks.pid])
            meter.watch("database", lambda: [self.pg.postmaster_pid()])
            # This process: the clients' threads (and the progress queries) share the machine.
            meter.watch("clients", lambda: [os.getpid()], tree=False)
            size_before = self.pg.database_size(self.o.database)
            meter.start()
            self.t0 = time.monotonic()
            wall0 = time.time()
            deadline = self.t0 + self.o.timeout
            faults = threading.Thread(target=self.run_faults, daemon=True, name="faults")
            faults.start()
            threads = self.submit_all(declarations, deadline)
            for thread in threads:
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
            submitted_until = time.monotonic()
            self.submitted.set()
            finished = self.wait_until_final(declarations, threads, deadline)
            self.progress(declarations, final_line=True)
            self.stop_faults.set()
            faults.join(timeout=30)
            cpu = meter.stop()
            size_after = self.pg.database_size(self.o.database)
            waited = time.monotonic()
            self.wait_for_notices(min(deadline + 60, time.monotonic() + 60))
            self.phases["waiting for notices"] = round(time.monotonic() - waited, 1)
            # Checked once nothing writes: verify_audit reads the events, then the chain's head.
            stopping = time.monotonic()
            self.stop_processes()
            self.phases["stopping"] = round(time.monotonic() - stopping, 1)
            result = self.measure(
                declarations,
                cpu=cpu,
                wall0=wall0,
                submitted_seconds=submitted_until - self.t0,
                final_seconds=finished - self.t0,
                size_delta=size_after - size_before,
            )
        finally:
            self.tear_down()
        result.figures["phases_seconds"] = self.phases
        from .report import write_report

        write_report(result, self.out)
        return result

    def tear_down(self):
        self.stop_processes()
        if self.own_pg:
            with contextlib.suppress(ProcessFailed):
                self.pg.stop()

    def stop_processes(self):
        self.stop_faults.set()
        # Every case is final by now; a q2 cluster may hang on SIGTERM (django-q2 #346).
        for process in self.clusters:
            process.kill()
        for process in [*self.webs, *filter(None, [self.mocks])]:
            process.stop(timeout=3)

    # Measuring and checking --------------------------------------------------------------------

    def measure(self, declarations, *, cpu, wall0, submitted_seconds, final_seconds, size_delta):
        accepted = [d for d in declarations if d.reference]
        refused = [d for d in declarations if not d.reference]
        rows = self.query(
            """
            SELECT s.reference, extract(epoch FROM s.submitted_at), c.status,
                   (SELECT min(extract(epoch FROM e.created_at)) FROM casework_auditevent e
                     WHERE e.case_id = c.id AND e.action = 'status_changed'
                       AND e.data->>'to' IN ('decided', 'flagged')),
                   (SELECT count(*) FROM casework_auditevent e
                     WHERE e.case_id = c.id AND e.action = 'status_changed'
                       AND e.data->>'to' = 'decided'),
                   d.outcome
              FROM forms_app_submission s
              LEFT JOIN casework_case c ON c.submission_id = s.id
              LEFT JOIN casework_decision d ON d.case_id = c.id
            """
        )
        by_reference = {}
        for reference, submitted, status, final_at, decided, outcome in rows:
            by_reference.setdefault(reference, []).append(
                (float(submitted), status, final_at and float(final_at), decided, outcome)
            )
        cases = {r: v[0] for r, v in by_reference.items() if v[0][1] is not None}
        accepted_refs = {d.reference for d in accepted}
        lost = sorted(accepted_refs - set(cases))
        one_case_each = all(len(by_reference.get(r, [])) == 1 for r in accepted_refs)
        not_final = sorted((r, case[1]) for r, case in cases.items() if case[1] not in FINAL)
        decided_twice = sum(1 for case in cases.values() if (case[3] or 0) > 1)
        # Submissions nobody was told about: a retry that made a second one.
        duplicated = len(by_reference) - len(accepted_refs)
        latencies = sorted(c[2] - c[0] for c in cases.values() if c[2] is not None)
        outcomes = {}
        for case in cases.values():
            key = case[4] or case[1]
            outcomes[key] = outcomes.get(key, 0) + 1
        notices_twice, notices_sent = self.notices_sent_twice()
        audit_holds, audit_message = self.verify_audit()
        finals = [c[2] for c in cases.values() if c[2] is not None]
        first = min((c[0] for c in cases.values()), default=wall0)
        last_final = max(finals, default=first)
        end_to_end = max(last_final - first, 1e-9)
        accepted_times = sorted(d.accepted_at - self.t0 for d in accepted)
        n = max(len(cases), 1)
        server_times = self.server_times()
        figures = {
            "declarations": len(declarations),
            "accepted": len(accepted),
            "refused_by_api": len(refused),
            "refused_detail": [f"{d.label}: {d.status} {d.detail[:200]}" for d in refused][:10],
            "responses": dict(sorted(self.responses.items())),
            "attempts": sum(d.attempts for d in declarations),
            "submit_seconds": round(submitted_seconds, 1),
            "submissions_per_s": round(len(accepted) / max(submitted_seconds, 1e-9), 1),
            "server_ms_p50": _percentile(server_times, 0.50),
            "server_ms_p95": _percentile(server_times, 0.95),
            "final_seconds": round(final_seconds, 1),
            "end_to_end_seconds": round(end_to_end, 1),
            "cases_final_per_s": round(len(finals) / end_to_end, 2),
            "latency_p50_s": _percentile(latencies, 0.50),
            "latency_p95_s": _percentile(latencies, 0.95),
            "latency_max_s": round(latencies[-1], 1) if latencies else None,
            "outcomes": dict(sorted(outcomes.items())),
            "cpu_seconds": {k: round(v, 1) for k, v in cpu.items()},
            "cpu_seconds_per_case": {k: round(v / n, 4) for k, v in cpu.items()},
            "db_bytes_per_case": round(size_delta / n),
            "notices_sent": notices_sent,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "cores": os.cpu_count(),
            "timeline": {
                "accepted": accepted_times,
                "final": sorted(f - wall0 for f in finals),
            },
        }
        checks = {
            "accepted": len(accepted),
            "lost": len(lost),
            "one_case_each": one_case_each,
            "duplicated": duplicated,
            "not_final": len(not_final),
            "decided_twice": decided_twice,
            "notices_twice": notices_twice,
            "server_errors": sum(
                v for k, v in self.responses.items() if k.startswith("5") and k != "503"
            ),
            "flagged_by_fault": self.flagged_by_fault(),
            "audit_holds": audit_holds,
            "audit": audit_message,
            "web_requests_by_server": self.requests_by_server(),
            "tasks_by_cluster": self.tasks_by_cluster(),
        }
        return Result(
            options=_jsonable({**asdict(self.o), "pg_port": self.pg.port, "out": self.out}),
            figures=figures,
            checks=checks,
            not_final=[list(x) for x in not_final][:200],
            events=self.events,
            out=str(self.out),
        )

    def flagged_by_fault(self) -> int:
        """Cases sent to a person because a registry the run broke did not answer."""
        codes = [c for c in (self.o.flaky_registry, self.o.down_registry) if c]
        if not codes:
            return 0
        return self.query(
            "SELECT count(DISTINCT case_id) FROM casework_caseflag"
            " WHERE kind = 'registry_unreachable' AND registry = ANY(%s)",
            [codes],
        )[0][0]

    def notices_sent_twice(self) -> tuple[int, int]:
        """Messages in the outbox per notice (its key names the file): more than one is a notice
        sent twice."""
        sent = {}
        for path in (self.out / "outbox" / "sms").glob("*.json"):
            key = path.stem.split("-", 2)[-1]
            sent[key] = sent.get(key, 0) + 1
        return sum(1 for c in sent.values() if c > 1), sum(sent.values())

    def verify_audit(self) -> tuple[bool, str]:
        try:
            out = processes.manage("verify_audit", env=self.run_env, log=self.logs / "audit.log")
            return True, out.strip()
        except ProcessFailed as failure:
            return False, str(failure).strip()[-500:]

    def server_times(self) -> list[float]:
        """Milliseconds each accepted submission took inside gunicorn (its access logs)."""
        times = []
        for web in self.webs:
            log = web.log.with_suffix(".access.log")
            for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
                request, _, rest = line.rpartition('" ')
                status, _, ms = rest.partition(" ")
                if request.startswith('"POST ') and status == "201" and ms.isdigit():
                    times.append(float(ms))
        return sorted(times)

    def requests_by_server(self) -> dict[str, int]:
        counts = {}
        for web in self.webs:
            log = web.log.with_suffix(".access.log")
            text = log.read_text(errors="replace") if log.exists() else ""
            counts[web.name] = text.count('"POST ')
        return counts

    def tasks_by_cluster(self) -> dict[str, int]:
        """Tasks each cluster ran: django-q2 logs each one it processed (at INFO, which the
        clusters of a run log at)."""
        counts = {}
        for cluster in self.clusters:
            text = cluster.log.read_text(errors="replace") if cluster.log.exists() else ""
            counts[cluster.name] = text.count("Processed '")
        return counts


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 2)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1], 2)


def _jsonable(value):
    return json.loads(json.dumps(value, default=str))


def run(options: Options, pg: PrivatePostgres | None = None) -> Result:
    return Run(options, pg).run()
