"""The load run, small: one private PostgreSQL cluster for the session (its migrated, seeded
template is kept between sessions), and a run of a few dozen declarations per test."""

import tempfile
from pathlib import Path

import pytest

from loadtest.options import Options
from loadtest.processes import PrivatePostgres, free_port
from loadtest.run import run

# Small enough for `make test` (the whole `-m load` set in a few minutes on 2 cores), spread over
# ~10 s of submitting so that each fault lands while cases are in flight.
COUNT = 30
RATE = 4.0


@pytest.fixture(scope="session")
def private_postgres():
    pg = PrivatePostgres(Path(tempfile.gettempdir()) / "emuraciet-load-test-pg", free_port())
    pg.start()
    yield pg
    pg.stop()


@pytest.fixture
def load_run(private_postgres, tmp_path, monkeypatch):
    # A case waiting for a registry the run makes flaky asks again sooner than in production
    # (60 s, doubling), so that it is decided within the run (the children inherit this).
    monkeypatch.setenv("REGISTRY_RETRY_FIRST_SECONDS", "10")

    def start(name: str, **options):
        settings = {
            "count": COUNT,
            "rate": RATE,
            "clients": 4,
            "batch": False,
            # A task a dead worker never acknowledged is handed out again sooner than in
            # production, so a small run finishes in a minute or two.
            "q_timeout": 20,
            "q_retry": 25,
            "timeout": 240,
            "progress": False,
            "database": f"emuraciet_load_{name}",
            "out": tmp_path / name,
            **options,
        }
        result = run(Options(**settings), pg=private_postgres)
        print((tmp_path / name / "report.md").read_text())
        return result

    return start


def assert_nothing_lost(result):
    """Every 2xx submission has exactly one case, every case is final and every decided one
    closed, none was decided twice, no notice went out twice or was left to send, and the audit
    chain holds; the run measured to the end of the path."""
    checks, figures = result.checks, result.figures
    assert checks["accepted"] == figures["declarations"], figures["refused_detail"]
    assert checks["lost"] == 0
    assert checks["one_case_each"]
    assert checks["duplicated"] == 0
    assert result.not_final == []
    assert result.not_closed == []
    assert result.notices_pending == []
    assert checks["decided_twice"] == 0
    assert checks["notices_twice"] == 0
    assert checks["audit_holds"], checks["audit"]
    flagged = figures["outcomes"].get("flagged", 0)
    assert figures["closed"] == checks["accepted"] - flagged
    assert figures["closed_seconds"] >= figures["end_to_end_seconds"]
    # Every case told by SMS: its decision when closed, that a person checks it when flagged.
    assert figures["notices_sent"]["sms"] == checks["accepted"]
