"""A submission's case reaches its decision through a real django-q2 cluster, not inline."""

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat

from casework.models import Case, RegistrySource
from forms_app.models import EServicePage
from forms_app.services import submit_declaration
from registry_mocks.scenarios import by_name
from tests.casework.conftest import scenario_answers
from tests.conftest import database_url

ROOT = Path(__file__).resolve().parents[2]


class Cluster:
    """A q2 cluster in its own process group, its output in a file (a pipe nobody reads would
    block a chatty worker)."""

    def __init__(self, log_path: Path, **extra_env):
        self.log_path = log_path
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(),
            "Q_SYNC": "0",
            "Q_WORKERS": "1",
            **extra_env,
        }
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "qcluster"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self, last: int = 40) -> str:
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-last:])

    def kill(self):
        """kill -9 of the whole cluster: no chance to finish anything."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # django-q2 #346: it may hang in its SIGTERM handler
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def enqueue_for_real(monkeypatch):
    """This process enqueues instead of running tasks inline: django-q2 reads `sync` once, at
    import, so the setting alone would change nothing."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", False)


@pytest.fixture
def q2_cluster(tmp_path):
    cluster = Cluster(tmp_path / "qcluster.log")
    yield cluster
    cluster.stop()


@pytest.mark.worker
def test_the_case_is_decided_by_a_q2_worker(
    enqueue_for_real, live_demo_site, mocks_url, q2_cluster
):
    # The worker reaches the mocks this process serves, and enriches a family they confirm.
    RegistrySource.objects.update(base_url=Concat(Value(mocks_url), F("code"), Value("/")))
    service_page = EServicePage.objects.get(locale__language_code="az", reference_prefix="UDSY")
    submission = submit_declaration(
        service_page,
        service_page.current_form_version(),
        scenario_answers(by_name("eligible")),
        channel="online",
    )
    case = submission.case
    assert case.status == Case.Status.RECEIVED

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and case.status != Case.Status.CLOSED:
        time.sleep(0.3)
        case.refresh_from_db()
    assert case.status == Case.Status.CLOSED, f"the worker did not decide:\n{q2_cluster.output()}"

    assert (case.decision.outcome, case.decision.monthly_amount) == ("granted", Decimal("750.00"))


def wait_for(condition, *, seconds=60, why="", cluster=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    from casework.models import Notice

    notices = list(Notice.objects.values_list("key", "status", "last_error"))
    from registry_mocks import sms_gateway

    sent = list(sms_gateway._messages.values())
    pytest.fail(f"{why}\nnotices: {notices}\nsms: {sent}\n{cluster.output() if cluster else ''}")


@pytest.mark.worker
def test_a_worker_killed_between_the_decision_and_the_notice_tells_once(
    settings, enqueue_for_real, live_demo_site, mocks_url, tmp_path
):
    """kill -9 of the cluster after the decisions are committed and while the SMS is on its way:
    another cluster takes over, and the applicant gets one SMS and the other one email."""
    from casework import pipeline
    from casework.models import Notice
    from registry_mocks import faults, sms_gateway

    RegistrySource.objects.update(base_url=Concat(Value(mocks_url), F("code"), Value("/")))
    sms_gateway.reset()
    faults.set_faults("sms", latency_ms=3000)  # the gateway takes 3 s to accept a message
    outbox = tmp_path / "email"
    channels = {
        "SMS_BACKEND": "forms_app.sms.HttpGatewayBackend",
        "SMS_GATEWAY_URL": f"{mocks_url}sms/",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
    }
    service_page = EServicePage.objects.get(locale__language_code="az", reference_prefix="UDSY")
    by_sms = scenario_answers(by_name("eligible"))
    by_email = {
        **scenario_answers(by_name("rehabilitation_vehicle")),
        "feedback_channel": "email",
        "feedback_email": "huseynovlar@example.az",
    }
    cases = [
        submit_declaration(
            service_page, service_page.current_form_version(), answers, channel="online"
        ).case
        for answers in (by_sms, by_email)
    ]

    # Two workers: both cases go at once, and the SMS is still on its way when both are decided.
    first = Cluster(tmp_path / "first.log", Q_WORKERS="2", **channels)
    try:
        wait_for(
            lambda: (
                Notice.objects.filter(case=cases[0], status="sending").exists()
                and Notice.objects.filter(case=cases[1], kind="decision").exists()
            ),
            why="the first cluster did not decide both and start the SMS",
            cluster=first,
        )
    finally:
        first.kill()

    second = Cluster(tmp_path / "second.log", NOTICE_SENDING_STALE_MINUTES="0", **channels)
    try:
        settings.CASEWORK = {**settings.CASEWORK, "STUCK_CASE_AFTER_MINUTES": 0}
        pipeline.sweep_stuck_cases()  # what the scheduled sweeper does on its next round
        wait_for(
            lambda: all(Case.objects.get(pk=c.pk).status == Case.Status.CLOSED for c in cases),
            why="the second cluster did not finish the cases",
            cluster=second,
        )
    finally:
        second.stop()
        faults.reset_faults("sms")

    mobile = by_sms["feedback_mobile"]
    assert [m["to"] for m in sms_gateway._messages.values()] == [mobile]
    emails = [f.read_text() for f in outbox.glob("*.log")]
    assert sum(text.count("To: huseynovlar@example.az") for text in emails) == 1
    assert Notice.objects.filter(case__in=cases).count() == 2
    from casework.audit import verify_audit_chain

    assert verify_audit_chain() is None


# django-q2 #23: the wedge, and `manage.py runworker` getting out of it ---------------------------

# Short limits, so the test takes seconds: a cluster that finished nothing for 8 s while tasks
# wait is wedged (the system checks hold: 8 > Q_TIMEOUT + heartbeat).
FAST_SUPERVISION = {
    "Q_WORKERS": "2",
    "Q_TIMEOUT": "5",
    "Q_RETRY": "10",
    "WORKER_STALLED_AFTER_SECONDS": "8",
    "WORKER_HEARTBEAT_SECONDS": "2",
    "WORKER_BEAT_SECONDS": "1",
    "WORKER_POLL_SECONDS": "1",
    "TASK_DATABASE_RETRY_SECONDS": "2",
}


class Supervisor(Cluster):
    """`manage.py runworker` in a process group of its own."""

    def __init__(self, log_path: Path, **extra_env):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(),
            "Q_SYNC": "0",
            **extra_env,
        }
        self.log_path = log_path
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "runworker"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def cluster(self):
        """The qcluster it runs now (a psutil.Process), once it runs one."""
        import psutil

        children = psutil.Process(self.process.pid).children()
        return children[0] if children else None

    def workers(self) -> list:
        """The cluster's workers: the sentinel forks them first, then the monitor and pusher."""
        cluster = self.cluster()
        (sentinel,) = cluster.children()
        forked = sorted(sentinel.children(), key=lambda p: (p.create_time(), p.pid))
        return forked[: int(FAST_SUPERVISION["Q_WORKERS"])]


def finished(func: str) -> int:
    from django_q.models import Success

    return Success.objects.filter(func=func).count()


def run_tasks(n: int, tag: str):
    from django_q.tasks import async_task

    for i in range(n):
        # Kept as a success (production keeps only failures): `finished` counts them.
        async_task("math.floor", i + 0.5, task_name=f"{tag}-{i}", save=True)


@pytest.mark.worker
def test_runworker_restarts_a_cluster_wedged_by_a_killed_idle_worker(
    enqueue_for_real, live_demo_site, tmp_path
):
    """kill -9 of the idle worker that waits in the cluster's task queue (it holds the queue's
    read lock): q2 starts another worker, but nothing runs any more, and nothing says so. The
    supervisor sees tasks waiting and no progress, kills the cluster's whole group and starts a
    fresh cluster, and the tasks run."""
    import psutil

    supervisor = Supervisor(tmp_path / "runworker.log", **FAST_SUPERVISION)
    try:
        run_tasks(4, "before")
        wait_for(lambda: finished("math.floor") == 4, why="no cluster ran", cluster=supervisor)
        first_cluster = supervisor.cluster()
        time.sleep(1)  # both workers back in the queue's get(): one holds the read lock
        states = {w.pid: Path(f"/proc/{w.pid}/wchan").read_text() for w in supervisor.workers()}
        in_the_pipe = [pid for pid, state in states.items() if "pipe" in state]
        assert len(in_the_pipe) == 1, states  # the next in line; the other waits for the lock
        os.kill(in_the_pipe[0], signal.SIGKILL)
        killed_at = time.monotonic()

        run_tasks(10, "after")
        time.sleep(5)
        # q2 restarted the worker, yet nothing ran (within the supervisor's 8-second limit).
        assert supervisor.cluster().pid == first_cluster.pid
        assert finished("math.floor") == 4, supervisor.output()

        wait_for(
            lambda: finished("math.floor") == 14,
            seconds=60,
            why="the supervisor did not restore processing",
            cluster=supervisor,
        )
        recovered_in = time.monotonic() - killed_at
        log = supervisor.output(200)
        assert "Restarting the q2 cluster" in log and "tasks wait" in log
        assert not psutil.pid_exists(first_cluster.pid)  # the wedged group, gone whole
        print(f"processing restored {recovered_in:.1f} s after the kill")
    finally:
        cluster = supervisor.cluster()
        supervisor.process.terminate()  # SIGTERM: runworker stops its cluster, then itself
        supervisor.process.wait(timeout=30)
    # Nothing of the cluster is left behind (killed workers may take a moment to be reaped).
    deadline = time.monotonic() + 10
    while True:
        try:
            os.killpg(cluster.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "the cluster's processes outlived runworker"
        time.sleep(0.1)


@pytest.mark.worker
def test_runworker_starts_a_fresh_cluster_when_its_cluster_dies(
    enqueue_for_real, live_demo_site, tmp_path
):
    supervisor = Supervisor(tmp_path / "runworker.log", **FAST_SUPERVISION)
    try:
        wait_for(lambda: supervisor.cluster() is not None, why="no cluster", cluster=supervisor)
        first = supervisor.cluster()
        os.killpg(first.pid, signal.SIGKILL)
        run_tasks(3, "after-death")
        wait_for(
            lambda: finished("math.floor") == 3,
            seconds=60,
            why="no fresh cluster",
            cluster=supervisor,
        )
        assert supervisor.cluster().pid != first.pid
        assert "it exited with -9" in supervisor.output(200)
    finally:
        supervisor.process.terminate()
        supervisor.process.wait(timeout=30)
