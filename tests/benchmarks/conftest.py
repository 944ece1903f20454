"""The benchmarks' fixtures: a console with only the figures on it, and a real web server
(gunicorn, as docs/deployment.md runs it, in its own process group, on the test database)."""

import logging
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import database_url
from tests.network import free_port

ROOT = Path(__file__).resolve().parents[2]
# As the deployment guide runs gunicorn; BENCH_WORKERS changes it.
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))


@dataclass(frozen=True)
class Server:
    url: str
    workers: int
    pid: int  # gunicorn's master: its workers are its children


@pytest.fixture(scope="session", autouse=True)
def quiet_logs():
    """Only the figures (and warnings) on the console: no INFO lines from seeding and publishing."""
    logging.disable(logging.INFO)
    yield
    logging.disable(logging.NOTSET)


@pytest.fixture
def web_server(live_demo_site, tmp_path):
    """gunicorn serving the committed demo site from the test database.

    The test settings (DEBUG off, cached templates) rather than production's: those set
    Secure cookies, which a client over plain HTTP never sends back.
    """
    with gunicorn(tmp_path / "gunicorn.log", workers=WORKERS) as server:
        yield server


@contextmanager
def gunicorn(log, *, workers, settings="config.settings.test", env=None):
    """A gunicorn of `workers` sync workers on the test database, in its own process group."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "60",  # as docs/deployment.md recommends
        "Q_SYNC": "0",  # a submission enqueues its case, as in production; nobody processes it
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--chdir",
                "site",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(process, base_url, log)
        yield Server(base_url, workers, process.pid)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_serving(process, base_url, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log.read_text()}")
        try:
            if httpx.get(base_url + "/", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within a minute:\n{log.read_text()}")
