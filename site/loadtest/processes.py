"""The load run's processes: a private PostgreSQL cluster, gunicorn, the registry mocks and q2
clusters, each in its own process group, and the CPU each part spends.

Everything listens on 127.0.0.1 only. The private PostgreSQL cluster (initdb into a directory
of its own, on a free port) can be restarted by a fault without touching the machine's shared
server, and its processes are the run's alone, so the database's CPU figure is clean.
"""

import contextlib
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("LOAD_PG_BIN", "/usr/lib/postgresql/15/bin"))
SETTINGS = "config.settings.load"
# The registry mocks' default key (registry_mocks/conf.py), which the run's catalogue uses.
MOCKS_API_KEY = "dev-key"


class ProcessFailed(RuntimeError):
    pass


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and the server refuse to run as root: as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivatePostgres:
    """A PostgreSQL cluster of the run's own: `directory/data`, port `port`, trust on 127.0.0.1."""

    def __init__(self, directory: Path, port: int):
        self.directory = Path(directory)
        self.port = port
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self):
        if not (self.data / "PG_VERSION").exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.directory, "postgres")
            initdb = [str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U"]
            initdb += ["postgres", "-E", "UTF8", "--no-sync"]
            subprocess.run(_as_postgres(initdb), check=True, capture_output=True)
        if self.postmaster_pid() is None:
            self._ctl("start", "-l", str(self.log))

    def _ctl(self, action: str, *extra: str):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory}"
        command = [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "-o", options]
        result = subprocess.run(
            _as_postgres([*command, *extra, "-m", "fast", action]), capture_output=True, text=True
        )
        if result.returncode != 0:
            raise ProcessFailed(f"pg_ctl {action}: {result.stdout}{result.stderr}")

    def restart(self):
        self._ctl("restart", "-l", str(self.log))

    def stop(self):
        if self.postmaster_pid() is not None:
            self._ctl("stop")

    def postmaster_pid(self) -> int | None:
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if psutil.pid_exists(pid) else None

    def execute(self, sql: str, database: str = "postgres", params=None):
        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=10) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def database_size(self, database: str) -> int:
        return self.execute("SELECT pg_database_size(%s)", params=[database])[0][0]


def template_name(env: dict) -> str:
    """The migrated, seeded database a run copies: named after the migrations, the demo content
    and the mode (migrate makes batch mode's periodic job or not), so a change makes a new one."""
    digest = hashlib.sha256(env.get("ENRICH_IN_BATCHES", "").encode())
    files = sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("site/*/migrations/*.py"))
    files += sorted((ROOT / "site/pages/management/commands").glob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return f"emuraciet_load_tpl_{digest.hexdigest()[:10]}"


def manage(*args: str, env: dict, log: Path | None = None, timeout: float = 900):
    """`manage.py …` in a child process with the run's settings; fails loudly."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if log is not None:
        with log.open("a") as output:
            output.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        raise ProcessFailed(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def create_database(pg: PrivatePostgres, name: str, env: dict, log: Path):
    """A fresh database `name`: a copy of the migrated, seeded template (made once)."""
    template = template_name(env)
    if not pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", params=[template]):
        building = template + "_building"
        pg.execute(f'DROP DATABASE IF EXISTS "{building}"')
        pg.execute(f'CREATE DATABASE "{building}"')
        build_env = {**env, "DATABASE_URL": pg.url(building)}
        manage("migrate", "--noinput", env=build_env, log=log)
        manage("seed_demo", env=build_env, log=log)
        pg.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


class Process:
    """One long-running child (and its children) in its own process group, logging to a file."""

    def __init__(self, name: str, command: list[str], env: dict, log: Path, cwd: Path = ROOT):
        self.name, self.command, self.env, self.log, self.cwd = name, command, env, log, cwd
        self.popen: subprocess.Popen | None = None
        self.starts = 0

    def start(self):
        output = self.log.open("a")
        self.popen = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        output.close()
        self.starts += 1
        return self

    @property
    def pid(self) -> int | None:
        return self.popen.pid if self.popen else None

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal_group(self, sig):
        if self.popen is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)

    def kill(self):
        """kill -9 of the whole tree: nothing finishes, nothing is cleaned up. The tree, not
        only the group: `runworker` runs its cluster in a process group of its own, which
        would outlive its supervisor (and go on taking tasks) if only the group were killed."""
        for process in self.descendants():
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        self.signal_group(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait()

    def stop(self, timeout: float = 20):
        if not self.alive():
            return
        self.signal_group(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        # Children that outlive their parent (a q2 worker) go with the group.
        self.signal_group(signal.SIGKILL)

    def descendants(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.pid).children(recursive=True)
        except (psutil.NoSuchProcess, TypeError):
            return []


def wait_until_answers(url: str, process: Process, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.alive():
            raise ProcessFailed(f"{process.name} exited:\n{_tail(process.log)}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise ProcessFailed(
        f"{process.name} did not answer within {timeout:.0f} s:\n{_tail(process.log)}"
    )


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def gunicorn(name, port, workers, env, log, reuse_port=False) -> Process:
    command = [sys.executable, "-m", "gunicorn", "--chdir", "site", "config.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60"]
    command += ["--access-logfile", str(log.with_suffix(".access.log")), "--log-level", "warning"]
    # The request line, its status and how long the server took (ms): see `server_times`.
    command += ["--access-logformat", '"%(r)s" %(s)s %(M)s']
    # gunicorn ≥ 25 opens a control socket per arbiter: several on one machine must not share it.
    command.append("--no-control-socket")
    if reuse_port:
        command.append("--reuse-port")
    return Process(name, command, env, log)


def registry_mocks(port, workers, env, log, name="mocks", threads=64) -> Process:
    command = [sys.executable, "manage.py", "run_registry_mocks", "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads)]
    return Process(name, command, env, log)


def q2_workers(cluster: Process, auxiliaries: set[int]) -> list[psutil.Process]:
    """The cluster's worker processes: the sentinel's children but its pusher and monitor
    (`auxiliaries`, noted once the cluster was up, see `note_auxiliaries`)."""
    return [p for p in cluster.descendants() if p.pid not in auxiliaries and not p.children()]


def note_auxiliaries(cluster: Process, timeout: float = 60) -> set[int]:
    """django-q2's sentinel spawns its workers, then the monitor, then the pusher: the two
    youngest of its first children are those two, whatever later dies and is reborn."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sentinels = [p for p in cluster.descendants() if len(p.children()) >= 3]
        if sentinels:
            children = sorted(sentinels[0].children(), key=lambda p: p.create_time())
            return {p.pid for p in children[-2:]}
        time.sleep(0.2)
    raise ProcessFailed(f"{cluster.name} started no workers:\n{_tail(cluster.log)}")


def kill_a_worker(cluster: Process, auxiliaries: set[int], rng: random.Random) -> int | None:
    workers = q2_workers(cluster, auxiliaries)
    if not workers:
        return None
    victim = rng.choice(workers)
    try:
        victim.send_signal(signal.SIGKILL)
    except psutil.NoSuchProcess:
        return None
    return victim.pid


class CpuMeter:
    """CPU seconds by part of the system, sampled every second over each part's process trees.

    A tree's total is its root's own time, the time of the children it has reaped (a worker that
    died, a PostgreSQL backend that closed) and that of the children still alive. The last
    sample of a root that was killed is kept, so a fault does not make CPU disappear.
    """

    def __init__(self, interval: float = 1.0):
        self.interval = interval
        self.roots: dict[str, callable] = {}
        self.alone: set[str] = set()
        self.last: dict[tuple[str, int], float] = {}
        self.baseline: dict[str, float] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="cpu-meter")

    def watch(self, part: str, pids, tree: bool = True):
        """`pids`: a function giving the part's current root pids (they change on restarts);
        `tree=False` counts those processes alone (the driver, whose children are the parts)."""
        self.roots[part] = pids
        if not tree:
            self.alone.add(part)

    @staticmethod
    def own_seconds(pid: int) -> float | None:
        try:
            t = psutil.Process(pid).cpu_times()
        except psutil.NoSuchProcess:
            return None
        return t.user + t.system

    @staticmethod
    def tree_seconds(pid: int) -> float | None:
        try:
            root = psutil.Process(pid)
            total = 0.0
            for process in [root, *root.children(recursive=True)]:
                try:
                    t = process.cpu_times()
                except psutil.NoSuchProcess:
                    continue
                total += t.user + t.system + t.children_user + t.children_system
            return total
        except psutil.NoSuchProcess:
            return None

    def sample(self):
        with self._lock:
            for part, pids in self.roots.items():
                for pid in pids():
                    if pid is None:
                        continue
                    seconds = (
                        self.own_seconds(pid) if part in self.alone else self.tree_seconds(pid)
                    )
                    if seconds is not None:
                        self.last[(part, pid)] = max(seconds, self.last.get((part, pid), 0.0))

    def totals(self) -> dict[str, float]:
        with self._lock:
            totals = dict.fromkeys(self.roots, 0.0)
            for (part, _pid), seconds in self.last.items():
                totals[part] += seconds
            return totals

    def start(self):
        self.sample()
        self.baseline = self.totals()
        self._thread.start()

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        self.sample()
        totals = self.totals()
        return {part: seconds - self.baseline.get(part, 0.0) for part, seconds in totals.items()}

    def _loop(self):
        while not self._stop.wait(self.interval):
            self.sample()
