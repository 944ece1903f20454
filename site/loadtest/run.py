"""The load run: N declarations through the JSON API, decided by q2 clusters, with faults.

`run(Options(...))` starts everything on 127.0.0.1 (a private PostgreSQL cluster, the registry
mocks, gunicorn, K q2 clusters), submits from C client threads with idempotency keys (retrying
with the same key on errors and time-outs), waits until every case is at the end of its path
(closed, its letter and notices out, or flagged for a person) and no notice is left to send,
stops everything, then measures (figures.py) and checks (checks.py) what happened. It returns a
`Result` and writes a table (Markdown and JSON) and a chart under `Options.out`.
`manage.py loadtest` is its command line; tests/load/ runs it small.

The driver reads the database directly (psycopg), so it runs under any settings; every child
process runs `config.settings.load` on the run's own database.
"""

import contextlib
import json
import os
import random
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from queue import Empty, Queue
from zoneinfo import ZoneInfo

import httpx

from . import checks, figures, processes
from .checks import DONE, FINAL, PENDING_NOTICES, Result
from .declarations import declarations
from .faults import Faults
from .options import HOST, Options
from .processes import CpuMeter, PrivatePostgres, Process, ProcessFailed, wait_until_answers

BAKU = ZoneInfo("Asia/Baku")


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


class Run:
    def __init__(self, options: Options, pg: PrivatePostgres | None = None):
        options.check()
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
        self.families: Process | None = None
        self.events: list[dict] = []
        self.faults = Faults(self)
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

    def households(self) -> int:
        """The mocks' population: enough households for the declarations (not every one
        applies, see declarations.py)."""
        return 2000 + self.o.count * 4

    def set_up(self):
        env = self.env()
        families_port = processes.free_port()
        self.families_url = f"http://{HOST}:{families_port}/registry-mocks/"
        # Sync workers (one thread): a page goes to a worker that is free. It starts while the
        # rest does; see declarations().
        self.families = processes.registry_mocks(
            families_port,
            os.cpu_count() or 1,
            env,
            self.logs / "families.log",
            name="families",
            threads=1,
        ).start()
        self.pg.start()
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
            "UPDATE casework_registrysource SET base_url = %s || code || '/', api_key = %s,"
            " consecutive_failures = 0, opened_until = NULL",
            self.o.database,
            [self.mocks_url, processes.MOCKS_API_KEY],
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

    def declarations(self) -> list[Declaration]:
        """The families the mocks serve, as their applicants fill in the form. Drawing them is
        CPU work in the mocks (about 1.3 ms a household), so they come from a mocks process of
        their own with a worker per core, pages fetched in parallel, stopped before the clock
        starts; the run's mocks keep `mock_workers`."""
        try:
            wait_until_answers(self.families_url, self.families)
            # A connection per page, so that no worker keeps one while another is idle.
            limits = httpx.Limits(max_keepalive_connections=0)
            with httpx.Client(base_url=self.families_url, timeout=120, limits=limits) as mocks:
                today = datetime.now(BAKU).date()
                cores = os.cpu_count() or 1
                drawn = list(declarations(mocks, today, self.o.count, parallel=cores))
        finally:
            self.families.stop(timeout=3)
        return [
            Declaration(label, answers, key=str(uuid.UUID(int=self.rng.getrandbits(128))))
            for label, answers in drawn
        ]

    def event(self, what: str):
        self.events.append({"at": round(time.monotonic() - self.t0, 1), "what": what})

    # Submitting --------------------------------------------------------------------------------

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

    # Waiting -----------------------------------------------------------------------------------

    def query(self, sql: str, params=None):
        return self.pg.execute(sql, self.o.database, params)

    def case_counts(self) -> dict[str, int] | None:
        """Cases by status; None while the database is away (a restart)."""
        try:
            return dict(self.query("SELECT status, count(*) FROM casework_case GROUP BY status"))
        except Exception:
            return None

    def done(self, declarations: list[Declaration]) -> bool:
        """Every accepted case at the end of its path (closed: its letter and notices out; or
        flagged for a person), and no notice of any case left to send."""
        counts = self.case_counts()
        if counts is None or not set(counts) <= set(DONE):
            return False
        accepted = sum(d.reference is not None for d in declarations)
        try:
            return sum(counts.values()) >= accepted and not self.query(PENDING_NOTICES)
        except Exception:
            return False

    def wait_until_done(self, declarations, threads, deadline) -> float:
        while time.monotonic() < deadline:
            self.progress(declarations)
            submitting = any(t.is_alive() for t in threads)
            if not submitting and self.done(declarations):
                break
            time.sleep(1)
        return time.monotonic()

    def progress(self, declarations: list[Declaration], final_line=False):
        if not self.o.progress:
            return
        accepted = sum(d.accepted_at is not None for d in declarations)
        counts = self.case_counts() or {}
        final = sum(counts.get(s, 0) for s in FINAL)
        done = sum(counts.get(s, 0) for s in DONE)
        elapsed = time.monotonic() - self.t0
        width = 30
        filled = int(width * done / len(declarations))
        bar = "#" * filled + "-" * (width - filled)
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

    # The run -----------------------------------------------------------------------------------

    def run(self) -> Result:
        started = time.monotonic()
        try:
            self.set_up()
            drawing = time.monotonic()
            declarations = self.declarations()
            self.phases["set-up"] = round(drawing - started, 1)
            self.phases["drawing declarations"] = round(time.monotonic() - drawing, 1)
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
            self.faults.start()
            threads = self.submit_all(declarations, deadline)
            for thread in threads:
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
            submitted_until = time.monotonic()
            self.submitted.set()
            done = self.wait_until_done(declarations, threads, deadline)
            self.progress(declarations, final_line=True)
            self.faults.stop()
            cpu = meter.stop()
            size_after = self.pg.database_size(self.o.database)
            # Checked once nothing writes: verify_audit reads the events, then the chain's head.
            stopping = time.monotonic()
            self.stop_processes()
            self.phases["stopping"] = round(time.monotonic() - stopping, 1)
            submissions = figures.read_submissions(self.query)
            result = Result(
                options=_jsonable({**asdict(self.o), "pg_port": self.pg.port, "out": self.out}),
                figures=figures.measure(
                    self,
                    declarations,
                    submissions,
                    cpu=cpu,
                    wall0=wall0,
                    submitted_seconds=submitted_until - self.t0,
                    done_seconds=done - self.t0,
                    size_delta=size_after - size_before,
                ),
                **checks.check(self, declarations, submissions),
                events=self.events,
                out=str(self.out),
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
        self.faults.stop()
        # Every case is done by now; a q2 cluster may hang on SIGTERM (django-q2 #346).
        for process in self.clusters:
            process.kill()
        for process in [*self.webs, *filter(None, [self.mocks, self.families])]:
            process.stop(timeout=3)


def _jsonable(value):
    return json.loads(json.dumps(value, default=str))


def run(options: Options, pg: PrivatePostgres | None = None) -> Result:
    return Run(options, pg).run()
