"""The JSON API's submission against a bare Django view that stores one JSON row, side by side in
one run: gunicorn (BENCH_API_WORKERS, 2 by default) on the test database with the demo site
committed, C client threads (httpx, BENCH_API_CLIENTS, 8 by default) each posting one declaration
after another. The goal is the API at 0.4× the bare insert or better.

The API does what a submission must: the service and its published form, the declaration
validated, the idempotency key, the one-open-application guard's lock and check, the reference
number, the Submission, the case and its audit event, the queued task. The baseline parses the
same JSON body and INSERTs it into a table of one column, through the same middleware.

Each round also prints the CPU milliseconds per request of gunicorn (master and workers) and of
the PostgreSQL server (every backend, this machine's server only): what a request costs, which
moves less with the machine's load than requests per second do.

Then one API submission in this process, its queries counted and listed.
"""

import json
import os
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import psutil
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_q.conf import Conf

from forms_app.models import Submission
from tests.forms_app import declaration as d

from .bare_urls import BARE_TABLE
from .conftest import gunicorn
from .figures import heading, line, percentile

pytestmark = pytest.mark.benchmark

SUBMISSIONS = int(os.environ.get("BENCH_API_SUBMISSIONS", "300"))
CLIENTS = int(os.environ.get("BENCH_API_CLIENTS", "8"))
WORKERS = int(os.environ.get("BENCH_API_WORKERS", "2"))
ROUNDS = int(os.environ.get("BENCH_API_ROUNDS", "2"))
SLUG = "unvanli-dovlet-sosial-yardimi"
API_PATH = f"/api/v1/services/{SLUG}/submissions"
BARE_PATH = "/bench/bare-insert/"


def declarations(count):
    """`count` JSON bodies, each of an applicant of their own (one open application each)."""
    return [json.dumps(d.another_applicant()).encode() for _ in range(count)]


def cpu_seconds(root: psutil.Process) -> float:
    """User and system CPU seconds of a process and its children (those alive now)."""
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def database_server() -> psutil.Process | None:
    """The PostgreSQL server of the test database, when it runs on this machine."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    try:
        return psutil.Process(backend).parent()
    except psutil.Error:
        return None  # another machine's, or not ours to look at


def post_measured(server, database, path, bodies):
    """post_all, with the CPU seconds gunicorn and the database spent meanwhile."""
    web = psutil.Process(server.pid)
    before = cpu_seconds(web), cpu_seconds(database) if database else 0.0
    result = post_all(server.url, path, bodies, CLIENTS)
    after = cpu_seconds(web), cpu_seconds(database) if database else 0.0
    return (*result, after[0] - before[0], after[1] - before[1])


def post_all(base_url, path, bodies, clients):
    """Post every body from `clients` threads (each its own connection); returns the wall time,
    each request's seconds, and the status codes."""
    chunks = [bodies[i::clients] for i in range(clients)]

    def client(chunk):
        timings, statuses = [], []
        with httpx.Client(base_url=base_url, timeout=60) as http:
            for body in chunk:
                headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
                start = time.perf_counter()
                response = http.post(path, content=body, headers=headers)
                timings.append(time.perf_counter() - start)
                statuses.append(response.status_code)
        return timings, statuses

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(client, chunks))
    wall = time.perf_counter() - start
    return wall, [t for ts, _s in results for t in ts], [s for _t, ss in results for s in ss]


@pytest.fixture
def bare_table(live_demo_site):
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} (id serial PRIMARY KEY, body text)"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BARE_TABLE}")


def count_queries_of_one_submission(monkeypatch):
    """One API submission in this process (after one to warm caches up), its queries listed.
    The task is queued, not run inline, as in production."""
    monkeypatch.setattr(Conf, "SYNC", False)
    client = Client()

    def submit():
        return client.post(
            API_PATH,
            json.dumps(d.another_applicant()),
            content_type="application/json",
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )

    assert submit().status_code == 201
    with CaptureQueriesContext(connection) as queries:
        response = submit()
    assert response.status_code == 201, response.content
    return [q["sql"] for q in queries.captured_queries]


def test_api_submission_against_a_bare_insert(bare_table, tmp_path, monkeypatch):
    submissions_before = Submission.objects.count()
    with gunicorn(
        tmp_path / "gunicorn.log",
        workers=WORKERS,
        settings="tests.benchmarks.bare_settings",
        env={"API_SUBMISSIONS_PER_MINUTE": "100000000"},
    ) as server:
        # Untimed: every worker loads its code and opens its connection.
        warm = 4 * WORKERS
        post_all(server.url, API_PATH, declarations(warm), CLIENTS)
        post_all(server.url, BARE_PATH, declarations(warm), CLIENTS)
        database = database_server()
        load = os.getloadavg()[0]
        api, bare = [], []
        for _round in range(ROUNDS):
            api.append(post_measured(server, database, API_PATH, declarations(SUBMISSIONS)))
            bare.append(post_measured(server, database, BARE_PATH, declarations(SUBMISSIONS)))
        load_after = os.getloadavg()[0]

    for _wall, _seconds, statuses, _web, _db in api + bare:
        assert set(statuses) == {201}, statuses
    assert Submission.objects.count() - submissions_before == warm + ROUNDS * SUBMISSIONS

    heading(
        f"API submission against a bare insert: {SUBMISSIONS} each × {ROUNDS} rounds, "
        f"{CLIENTS} clients, gunicorn × {WORKERS} workers, {connection.vendor}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} before, {load_after:.1f} after"
    )
    ratios = []
    rounds = enumerate(zip(api, bare, strict=True), 1)
    for number, (api_round, bare_round) in rounds:
        api_wall, api_s, _statuses, api_web, api_db = api_round
        bare_wall, bare_s, _statuses, bare_web, bare_db = bare_round
        api_rate, bare_rate = SUBMISSIONS / api_wall, SUBMISSIONS / bare_wall
        ratios.append(api_rate / bare_rate)
        line(
            f"round {number}: /s",
            api=api_rate,
            bare_insert=bare_rate,
            ratio=api_rate / bare_rate,
        )
        line(
            "  p50/p95 ms",
            api_p50=1000 * statistics.median(api_s),
            api_p95=1000 * percentile(api_s, 95),
            bare_p50=1000 * statistics.median(bare_s),
            bare_p95=1000 * percentile(bare_s, 95),
        )
        line(
            "  CPU ms/request",
            api_web=1000 * api_web / SUBMISSIONS,
            api_db=1000 * api_db / SUBMISSIONS,
            bare_web=1000 * bare_web / SUBMISSIONS,
            bare_db=1000 * bare_db / SUBMISSIONS,
        )
    line("ratio api/bare", median=statistics.median(ratios))

    queries = count_queries_of_one_submission(monkeypatch)
    line("queries/submission", api=len(queries))
    for number, sql in enumerate(queries, 1):
        print(f"  {number:>2}. {sql[:150]}")
