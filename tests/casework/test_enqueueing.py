"""A case reaches the queue whatever the broker does at the moment of its commit, and the sweeper
enqueues only what needs it: never-enqueued cases within a minute, idle ones after the limit,
never a case whose task is merely waiting."""

import json
from datetime import timedelta

import pytest
import redis
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_q.conf import Conf

from casework import pipeline, queueing, tasks
from casework.models import Case
from forms_app import actions
from forms_app.models import Submission
from tests.forms_app import declaration as d

SUBMISSIONS = "/api/v1/services/unvanli-dovlet-sosial-yardimi/submissions"


class Broker:
    """Stands in for async_task: counts what is enqueued; `down` refuses like Redis restarting."""

    def __init__(self):
        self.enqueued = []
        self.down = False

    def __call__(self, func, *args, **kwargs):
        if self.down:
            raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379.")
        self.enqueued.append((func, *args))


@pytest.fixture
def broker(monkeypatch):
    fake = Broker()
    monkeypatch.setattr(Conf, "SYNC", False)  # enqueue, as in production (not run inline)
    monkeypatch.setattr(queueing, "async_task", fake)
    return fake


def submit_over_the_api(answers=None, key="k-1"):
    return Client().post(
        SUBMISSIONS,
        json.dumps(answers or d.ANSWERS),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


@pytest.mark.django_db(transaction=True)
def test_a_broker_down_at_the_commit_still_answers_201_and_the_sweeper_enqueues_it(
    live_demo_site, broker, caplog
):
    broker.down = True
    response = submit_over_the_api()
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.enqueued_at is None
    assert "could not be enqueued" in caplog.text

    broker.down = False
    assert pipeline.sweep_stuck_cases() == 0  # the on-commit enqueue gets its minute first
    Case.objects.filter(pk=case.pk).update(status_changed_at=timezone.now() - timedelta(minutes=2))
    assert pipeline.sweep_stuck_cases() == 1
    assert pipeline.sweep_stuck_cases() == 0  # enqueued once, not on every round
    assert broker.enqueued == [("casework.tasks.process_case", case.pk)]
    case.refresh_from_db()
    assert case.enqueued_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_broker_down_at_the_commit_still_shows_the_confirmation(live_demo_site, broker):
    broker.down = True
    citizen = Client()
    d.fill_in(citizen)
    response = d.submit(citizen)
    assert response.status_code == 302
    assert "/confirmation/" in response["Location"]
    assert Case.objects.get().enqueued_at is None


@pytest.mark.django_db(transaction=True)
def test_any_after_commit_failure_leaves_the_submission_standing(live_demo_site, monkeypatch):
    """forms_app's own guard, whatever an action registers to run after the commit."""
    open_case = actions._actions["open_case"]

    def open_case_then_fail_after_commit(submission):
        open_case.run(submission)
        transaction.on_commit(lambda: 1 / 0)

    monkeypatch.setitem(
        actions._actions,
        "open_case",
        actions.SubmissionAction("open_case", "", open_case_then_fail_after_commit),
    )
    response = submit_over_the_api()
    assert response.status_code == 201
    assert Submission.objects.get().reference == response.json()["reference"]


def a_case(submit_scenario, *, changed_minutes_ago, enqueued_minutes_ago, family="eligible"):
    case = submit_scenario(family)
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(
        status_changed_at=now - timedelta(minutes=changed_minutes_ago),
        enqueued_at=(
            None if enqueued_minutes_ago is None else now - timedelta(minutes=enqueued_minutes_ago)
        ),
    )
    return case


@pytest.mark.django_db
def test_a_case_whose_task_is_merely_queued_is_not_enqueued_again(
    registries, submit_scenario, broker, settings
):
    settings.CASEWORK = {**settings.CASEWORK, "STUCK_CASE_AFTER_MINUTES": 30}
    # Received long ago, enqueued again 5 minutes ago: its task waits behind others.
    waiting = a_case(submit_scenario, changed_minutes_ago=45, enqueued_minutes_ago=5)
    # Nothing happened to this one for 40 minutes: its worker died.
    lost = a_case(
        submit_scenario,
        changed_minutes_ago=45,
        enqueued_minutes_ago=40,
        family="rehabilitation_vehicle",
    )
    assert pipeline.sweep_stuck_cases() == 1
    assert broker.enqueued == [("casework.tasks.process_case", lost.pk)]
    assert waiting.pk not in {args[1] for args in broker.enqueued}


@pytest.mark.django_db
def test_in_batch_mode_too_a_case_that_never_reached_the_queue_is_enqueued(
    registries, submit_scenario, broker, settings
):
    settings.CASEWORK = {**settings.CASEWORK, "ENRICH_IN_BATCHES": True}
    lost = a_case(submit_scenario, changed_minutes_ago=45, enqueued_minutes_ago=None)
    assert pipeline.sweep_stuck_cases() == 1
    assert broker.enqueued == [("casework.tasks.process_case", lost.pk)]


@pytest.mark.django_db
def test_the_sweeper_runs_as_often_as_configured(settings):
    from django_q.models import Schedule

    from casework.schedules import ensure_schedules

    settings.CASEWORK = {**settings.CASEWORK, "SWEEP_EVERY_MINUTES": 1}
    ensure_schedules()
    assert Schedule.objects.get(func="casework.tasks.sweep_stuck_cases").minutes == 1


def test_a_stuck_limit_shorter_than_q2s_own_retry_is_refused(settings):
    settings.CASEWORK = {**settings.CASEWORK, "STUCK_CASE_AFTER_MINUTES": 4}
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "retry": 180, "timeout": 120}
    with pytest.raises(SystemCheckError, match="casework.E001"):
        call_command("check")
    settings.CASEWORK = {**settings.CASEWORK, "STUCK_CASE_AFTER_MINUTES": 6}
    call_command("check")


@pytest.mark.django_db
def test_a_caseworkers_decision_stands_when_the_broker_is_down(
    registries, submit_scenario, broker, django_capture_on_commit_callbacks
):
    """The decision commits; finishing it (letter, notice, closing) is enqueued by the sweeper
    within a minute instead of an error page for the caseworker."""
    from casework.services import desk
    from tests.casework.test_desk import flagged

    case = flagged(submit_scenario, "member_died")
    caseworker = get_user_model().objects.get(username="caseworker")
    grandmother = case.submission.answers["family_members"][-1]["pin"]
    desk.claim_case(case.pk, caseworker)
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        desk.propose_resolution(
            case.pk,
            caseworker,
            {f"person:{grandmother}:counted_in_family": False},
            "death certificate of 14 August 2026 in the civil registry",
        )
    case.refresh_from_db()
    assert (case.status, case.enqueued_at) == (Case.Status.DECIDED, None)
    broker.down = False
    Case.objects.filter(pk=case.pk).update(status_changed_at=timezone.now() - timedelta(minutes=2))
    assert pipeline.sweep_stuck_cases() == 1
    # Decided already: what is left is its finish.
    assert broker.enqueued == [("casework.tasks.finish_cases", [case.pk])]
    tasks.finish_cases([case.pk])  # as the worker that takes that task
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
