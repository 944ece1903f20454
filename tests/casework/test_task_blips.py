"""A task that meets a database blip closes the broken connection and runs again with a growing
wait, for a bounded time; then it raises, so q2 records the failure."""

import pytest
from django.db import OperationalError, connection

from casework import tasks

pytestmark = pytest.mark.django_db(transaction=True)  # no test transaction around the task


class Clock:
    """time.monotonic and time.sleep for the task: sleeping moves the clock, takes no time."""

    def __init__(self):
        self.now = 1000.0
        self.waits = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.waits.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(tasks.time, "monotonic", fake.monotonic)
    monkeypatch.setattr(tasks.time, "sleep", fake.sleep)
    return fake


@pytest.fixture
def database_down_for(monkeypatch):
    """The next `n` attempts to get a cursor fail as a restarting PostgreSQL's do."""
    real = connection._cursor
    state = {"failures_left": 0, "connections_opened": 0}

    def cursor(*args, **kwargs):
        if state["failures_left"]:
            state["failures_left"] -= 1
            raise OperationalError("the database system is starting up")
        return real(*args, **kwargs)

    monkeypatch.setattr(connection, "_cursor", cursor)

    def down(n):
        state["failures_left"] = n
        return state

    return down


def test_a_task_survives_a_short_blip(clock, database_down_for, settings):
    settings.CASEWORK = {
        **settings.CASEWORK,
        "TASK_DATABASE_RETRY": {"SECONDS": 30, "FIRST_WAIT": 0.5, "MAX_WAIT": 5},
    }
    connection.ensure_connection()
    before = connection.connection
    database_down_for(3)
    assert tasks.sweep_stuck_cases() == 0  # it ran, on a fresh connection
    assert clock.waits == [0.5, 1.0, 2.0]
    assert connection.connection is not before


def test_a_long_outage_fails_the_task_within_the_limit(clock, database_down_for, settings):
    settings.CASEWORK = {
        **settings.CASEWORK,
        "TASK_DATABASE_RETRY": {"SECONDS": 20, "FIRST_WAIT": 0.5, "MAX_WAIT": 5},
    }
    database_down_for(10**6)
    with pytest.raises(OperationalError):
        tasks.process_case(1)
    assert clock.waits[:5] == [0.5, 1.0, 2.0, 4.0, 5]
    assert max(clock.waits) == 5
    assert 15 <= sum(clock.waits) <= 20


def test_other_errors_are_not_retried(clock, monkeypatch):
    def broken(case_id):
        raise ValueError("a bug, not a blip")

    monkeypatch.setattr(tasks.pipeline, "process_case", broken)
    with pytest.raises(ValueError):
        tasks.process_case(1)
    assert clock.waits == []
