"""Faults during a small load run (site/loadtest/run.py): after each, nothing is lost or duplicated,
no case is stuck, none decided twice, no notice sent twice, and the audit chain holds."""

import pytest

from .conftest import assert_nothing_lost

pytestmark = pytest.mark.load


def test_killing_a_q2_worker_every_few_seconds_loses_nothing(load_run):
    result = load_run("kill_worker", kill_worker_every=3)
    assert any("kill -9 of a worker" in e["what"] for e in result.events)
    assert_nothing_lost(result)


def test_killing_a_whole_cluster_once_loses_nothing(load_run):
    result = load_run("kill_cluster", kill_cluster_at=5)
    assert any("started again" in e["what"] for e in result.events)
    assert_nothing_lost(result)


def test_a_registry_answering_30_percent_errors_and_timeouts_loses_nothing(load_run):
    result = load_run("flaky_registry", flaky_registry="tax")
    assert_nothing_lost(result)


def test_a_registry_down_for_a_while_sends_no_case_to_a_person(load_run):
    result = load_run("registry_down", down_registry="sspf", down_at=2, down_for=15)
    assert_nothing_lost(result)
    # The registry came back: the cases that arrived meanwhile waited for it, none was flagged.
    assert result.checks["flagged_by_fault"] == 0


def test_restarting_postgresql_mid_run_fails_requests_cleanly_and_loses_nothing(load_run):
    result = load_run("restart_db", restart_db_at=5)
    assert any(e["what"] == "PostgreSQL restarted" for e in result.events)
    assert_nothing_lost(result)
    # While the database was away the API answered 503 with Retry-After, never a 500.
    assert result.checks["server_errors"] == 0, result.figures["responses"]


def test_restarting_the_web_server_mid_run_duplicates_nothing(load_run):
    result = load_run("restart_web", restart_web_at=5)
    assert any(e["what"] == "web server started again" for e in result.events)
    assert_nothing_lost(result)
