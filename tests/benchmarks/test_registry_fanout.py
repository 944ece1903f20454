"""Registry fan-out and batch throughput, against the mocks in their own process over HTTP.

Prints: the wall time of one case's look-ups (applicant + 3 family members in 20 registries)
as a ratio to the registries' set latency L (goal ≤ 1.5: a case costs about the slowest
registry, not the sum), and persons/s for batch calls against per-person calls.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from casework.models import RegistrySource
from casework.registries.lookups import fetch_people
from registry_mocks.identifiers import encode_pin
from tests.conftest import point_registries_at
from tests.network import free_port

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
REGISTRIES = 20
FAMILY = [encode_pin(42, member) for member in range(4)]


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def mocks_process():
    """`manage.py run_registry_mocks`; with Redis, two workers share the run-time faults."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    workers = "1"
    if redis_reachable():
        env.update(REDIS_URL="redis://127.0.0.1:6379/3", CACHE_BACKEND="redis")
        workers = "2"
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "run_registry_mocks",
            "--port",
            str(port),
            "--workers",
            workers,
            "--threads",
            "64",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/registry-mocks/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield url, int(workers)
    process.terminate()
    process.wait(timeout=20)


def set_latency(url, codes, latency_ms):
    for code in codes:
        httpx.post(
            f"{url}{code}/_faults",
            json={"latency_ms": latency_ms},
            headers={"X-Api-Key": "dev-key"},
            timeout=5,
        ).raise_for_status()


def best_of(runs, action):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings), sorted(timings)[len(timings) // 2]


def test_one_case_costs_about_the_slowest_registry(mocks_process):
    url, workers = mocks_process
    point_registries_at(url)
    sources = list(RegistrySource.objects.order_by("code")[:REGISTRIES])
    codes = [s.code for s in sources]
    print(
        f"\nregistry fan-out: {len(FAMILY)} persons × {len(sources)} registries, "
        f"mocks in their own process ({workers} worker(s))"
    )
    for latency_ms in (100, 250, 500):
        set_latency(url, codes, latency_ms)
        fetch_people(FAMILY, sources, batch=True)  # warm up connections and caches
        batch_best, batch_median = best_of(5, lambda: fetch_people(FAMILY, sources, batch=True))
        single_best, single_median = best_of(3, lambda: fetch_people(FAMILY, sources, batch=False))
        latency = latency_ms / 1000
        print(
            f"  L={latency_ms:>4} ms  one batch call per registry: median {batch_median:.3f} s "
            f"= {batch_median / latency:.2f} × L   |   one call per person "
            f"({len(FAMILY) * len(sources)} calls): median {single_median:.3f} s "
            f"= {single_median / latency:.2f} × L   |   sequential would be "
            f"{len(sources) * latency:.1f} s = {len(sources):.0f} × L"
        )
    set_latency(url, codes, 0)


def test_batch_calls_against_per_person_calls(mocks_process):
    url, _workers = mocks_process
    point_registries_at(url)
    sources = list(RegistrySource.objects.filter(code__in=["civil", "tax", "labour", "vehicles"]))
    pins = [encode_pin(index, 0) for index in range(1000, 1400)]
    set_latency(url, [s.code for s in sources], 20)
    print(f"\nbatch throughput: {len(pins)} persons × {len(sources)} registries, L=20 ms")
    started = time.perf_counter()
    batch = fetch_people(pins, sources, batch=True)
    batch_seconds = time.perf_counter() - started
    started = time.perf_counter()
    single = fetch_people(pins, sources, batch=False)
    single_seconds = time.perf_counter() - started
    assert all(r.reached for r in batch) and all(r.reached for r in single)
    batch_rate, single_rate = len(pins) / batch_seconds, len(pins) / single_seconds
    print(f"  batch (≤100 PINs a call, {len(batch)} calls): {batch_rate:,.0f} persons/s")
    print(f"  per person ({len(single)} calls): {single_rate:,.0f} persons/s")
    print(f"  ratio batch/per-person: {batch_rate / single_rate:.1f}")
    set_latency(url, [s.code for s in sources], 0)
