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

    def __init__(self, log_path: Path):
        self.log_path = log_path
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(),
            "Q_SYNC": "0",
            "Q_WORKERS": "1",
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

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # django-q2 #346: it may hang in its SIGTERM handler
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def q2_cluster(tmp_path):
    cluster = Cluster(tmp_path / "qcluster.log")
    yield cluster
    cluster.stop()


@pytest.mark.worker
def test_the_case_is_decided_by_a_q2_worker(settings, live_demo_site, mocks_url, q2_cluster):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}  # enqueue, don't run inline
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
    from django_q.models import Success

    assert Success.objects.filter(func="casework.tasks.process_case", args=(case.pk,)).exists()
