"""The task queue's pulse: what /healthz/worker, the admin's dashboard and `runworker` conclude
from when clusters last finished a task and whether tasks wait."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone
from django_q.brokers import get_broker
from wagtail.users.models import UserProfile

from casework import liveness
from casework.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db

STALLED = 180


@pytest.fixture(autouse=True)
def limits(settings):
    settings.CASEWORK = {
        **settings.CASEWORK,
        "WORKER_STALLED_AFTER_SECONDS": STALLED,
        "WORKER_BEAT_SECONDS": 5,
    }


def beat(cluster, seconds_ago):
    """The cluster started an hour ago and last finished a task `seconds_ago`."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        cluster=cluster,
        defaults={
            "ready_at": now - timedelta(hours=1),
            "last_task_at": now - timedelta(seconds=seconds_ago),
        },
    )


AN_HOUR_AGO = timedelta(hours=1, minutes=1)


def queue_a_task():
    get_broker().enqueue("a signed task")


# /healthz -------------------------------------------------------------------------------------


def test_healthz_answers_ok_when_the_database_and_cache_answer():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "_cursor", refuse)
    response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


# /healthz/worker --------------------------------------------------------------------------------


def test_no_worker_ever_seen_is_unhealthy():
    response = Client().get("/healthz/worker")
    assert response.status_code == 503
    assert response.json()["status"] == "stalled"


def test_a_recent_task_is_healthy_even_with_work_waiting():
    beat("web-1:100", seconds_ago=20)
    queue_a_task()
    response = Client().get("/healthz/worker")
    assert response.status_code == 200
    assert response.json()["queued"] == 1


def test_work_waiting_and_no_task_finished_is_stalled():
    beat("web-1:100", seconds_ago=STALLED + 10)
    assert Client().get("/healthz/worker").status_code == 200  # idle: the heartbeat isn't due
    queue_a_task()
    response = Client().get("/healthz/worker")
    assert response.status_code == 503
    assert "1 tasks wait" in response.json()["detail"]


def test_not_even_the_scheduled_heartbeat_is_stalled():
    beat("web-1:100", seconds_ago=STALLED + liveness.SCHEDULED_HEARTBEAT_SECONDS + 5)
    response = Client().get("/healthz/worker")
    assert response.status_code == 503
    assert "heartbeat" in response.json()["detail"]


# One cluster, as runworker sees it ------------------------------------------------------------


def test_a_cluster_that_finishes_tasks_is_not_wedged():
    beat("w:1", seconds_ago=10)
    queue_a_task()
    assert liveness.cluster_is_wedged("w:1", timezone.now() - AN_HOUR_AGO) == ""


def test_a_starting_cluster_gets_its_time_but_not_forever(settings):
    settings.CASEWORK = {**settings.CASEWORK, "WORKER_START_SECONDS": 120}
    queue_a_task()
    assert liveness.cluster_is_wedged("w:1", timezone.now() - timedelta(seconds=100)) == ""
    why = liveness.cluster_is_wedged("w:1", timezone.now() - timedelta(seconds=130))
    assert why == "no worker started within 120 s"
    # Ready (a worker started) and nothing finished yet: the limit counts from then.
    WorkerHeartbeat.objects.create(cluster="w:1", ready_at=timezone.now() - timedelta(seconds=9))
    assert liveness.cluster_is_wedged("w:1", timezone.now() - timedelta(seconds=130)) == ""


def test_a_cluster_that_finishes_nothing_while_tasks_wait_is_wedged():
    beat("w:1", seconds_ago=STALLED + 5)
    beat("w:2", seconds_ago=1)  # another host's cluster works: it doesn't excuse this one
    queue_a_task()
    why = liveness.cluster_is_wedged("w:1", timezone.now() - AN_HOUR_AGO)
    assert "1 tasks wait and this cluster finished none" in why


def test_an_idle_cluster_is_not_wedged_while_others_run_the_heartbeats():
    beat("w:1", seconds_ago=STALLED + 5)
    beat("w:2", seconds_ago=3)
    assert liveness.cluster_is_wedged("w:1", timezone.now() - AN_HOUR_AGO) == ""


def test_when_no_cluster_runs_even_the_heartbeat_an_idle_one_is_wedged():
    beat("w:1", seconds_ago=STALLED + 5)
    why = liveness.cluster_is_wedged("w:1", timezone.now() - AN_HOUR_AGO)
    assert "not even the heartbeat" in why


# The monitor's notes ----------------------------------------------------------------------------


def test_the_monitor_notes_progress_at_most_every_beat(monkeypatch):
    clock = {"now": 1000.0}
    monkeypatch.setattr(liveness.time, "monotonic", lambda: clock["now"])
    monkeypatch.setitem(liveness._last_beat, "at", float("-inf"))
    liveness.note_progress(sender="django_q", task={"name": "t"})
    first = WorkerHeartbeat.objects.get(cluster=liveness.cluster_name()).last_task_at
    clock["now"] += 1
    liveness.note_progress(sender="django_q", task={"name": "t"})
    assert WorkerHeartbeat.objects.get().last_task_at == first
    clock["now"] += 5
    liveness.note_progress(sender="django_q", task={"name": "t"})
    assert WorkerHeartbeat.objects.get().last_task_at > first
    # A task run inline (sync mode) is no cluster's progress.
    WorkerHeartbeat.objects.all().delete()
    clock["now"] += 10
    liveness.note_progress(sender="django_q", task={"name": "t", "sync": True})
    assert not WorkerHeartbeat.objects.exists()


def test_the_heartbeat_forgets_clusters_gone_for_a_day():
    beat("old:1", seconds_ago=2 * 86400)
    beat("w:1", seconds_ago=5)
    liveness.heartbeat()
    assert list(WorkerHeartbeat.objects.values_list("cluster", flat=True)) == ["w:1"]


# The admin's dashboard --------------------------------------------------------------------------


def test_supervisors_see_the_queue_stalled_on_their_dashboard():
    beat("w:1", seconds_ago=STALLED + 10)
    queue_a_task()
    user = get_user_model().objects.create_superuser("root", "r@example.az", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    admin = Client()
    admin.force_login(user)
    html = admin.get("/admin/").content.decode()
    assert "Task queue" in html
    assert "Stalled since" in html
    beat("w:1", seconds_ago=1)
    html = admin.get("/admin/").content.decode()
    assert "Healthy" in html
