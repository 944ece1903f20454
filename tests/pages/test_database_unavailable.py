"""While the database can't be reached every request path answers 503 with Retry-After: JSON
under /api/, a small page everywhere else (no Site, theme or session needed), and nothing is
half-written."""

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import Client

from casework.models import AuditEvent, Case
from forms_app import actions
from forms_app.models import Submission
from tests.conftest import database_url
from tests.forms_app import declaration as d
from tests.network import free_port

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = "/api/v1/services/unvanli-dovlet-sosial-yardimi/submissions"
SERVICE_AZ = "/e-xidmetler/unvanli-dovlet-sosial-yardimi/"


@contextmanager
def database_unreachable(monkeypatch):
    """Every query fails as a dropped connection does: no cursor can be had."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "_cursor", refuse)
        yield


def browser(**headers):
    return Client(raise_request_exception=False, **headers)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/services/", "/api/v1/services/unvanli-dovlet-sosial-yardimi/form"],
)
def test_the_api_answers_json_503_with_retry_after(service_page, monkeypatch, path):
    with database_unreachable(monkeypatch):
        response = browser(HTTP_ACCEPT_LANGUAGE="en").get(path)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert int(response["Retry-After"]) > 0
    assert "unavailable" in response.json()["detail"]


def test_a_submission_answers_503_and_nothing_is_written(service_page, monkeypatch):
    with database_unreachable(monkeypatch):
        response = browser().post(
            SUBMISSIONS,
            json.dumps(d.ANSWERS),
            content_type="application/json",
            headers={"Idempotency-Key": "k-1"},
        )
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "Idempotency-Key" in response.json()["detail"]
    assert Submission.objects.count() == 0


def test_a_connection_lost_inside_the_submission_rolls_it_all_back(service_page, monkeypatch):
    """The submission row is written, then the connection drops while the case is opened: the
    client is told to try again, and not a row of it remains."""

    def drop(submission):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setitem(
        actions._actions, "open_case", actions.SubmissionAction("open_case", "", drop)
    )
    response = browser().post(
        SUBMISSIONS,
        json.dumps(d.ANSWERS),
        content_type="application/json",
        headers={"Idempotency-Key": "k-2"},
    )
    assert response.status_code == 503
    assert (Submission.objects.count(), Case.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        0,
    )


@pytest.mark.parametrize(
    "path,language,words",
    [
        (SERVICE_AZ, "az", "müvəqqəti"),
        ("/ru/", "ru", "недоступ"),
        ("/en/", "en", "unavailable"),
    ],
)
def test_a_public_page_answers_a_small_page_in_its_language(
    service_page, monkeypatch, path, language, words
):
    with database_unreachable(monkeypatch):
        response = browser().get(path)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert words in html.lower()


def test_the_browsers_language_is_used_without_a_prefix(service_page, monkeypatch):
    with database_unreachable(monkeypatch):
        response = browser(HTTP_ACCEPT_LANGUAGE="ru").get("/")
    assert response.status_code == 503
    assert '<html lang="ru">' in response.content.decode()


def test_the_status_page_answers_503(service_page, monkeypatch):
    with database_unreachable(monkeypatch):
        response = browser().post(
            d.SERVICE_URL + "status/", {"reference": "UDSY-2026-000001", "pin": "5ZJBKQG"}
        )
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


def test_the_admin_answers_503_to_a_signed_in_user(service_page, monkeypatch):
    admin = browser()
    admin.force_login(get_user_model().objects.create_superuser("root", "r@example.az", "x"))
    with database_unreachable(monkeypatch):
        dashboard = admin.get("/admin/")
        log_in = browser().get("/admin/login/")
    assert (dashboard.status_code, log_in.status_code) == (503, 503)
    assert "text/html" in dashboard["Content-Type"]
    assert int(dashboard["Retry-After"]) > 0


def test_a_submitted_form_answers_503(service_page, monkeypatch):
    citizen = browser()
    d.fill_in(citizen)
    check = citizen.get(d.SERVICE_URL + "check/").content.decode()
    draft = check.split('name="draft" value="')[1].split('"')[0]
    with database_unreachable(monkeypatch):
        response = citizen.post(d.SERVICE_URL + "check/", {"draft": draft})
    assert response.status_code == 503
    assert Submission.objects.count() == 0


# A real server, a real driver -------------------------------------------------------------------


@contextmanager
def gunicorn(tmp_path, database):
    """gunicorn (one worker, persistent connections as in production) on `database`."""
    port = free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database,
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "CRITICAL",
    }
    command = [sys.executable, "-m", "gunicorn", "--chdir", "site", "config.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"]
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            try:
                httpx.get(url + "/favicon.ico", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def assert_unavailable(response, content_type):
    assert response.status_code == 503, response.text[:500]
    assert response.headers["Content-Type"].startswith(content_type)
    assert int(response.headers["Retry-After"]) > 0


@pytest.mark.postgres
def test_postgresql_refusing_connections_answers_503_everywhere(live_demo_site, tmp_path):
    """PostgreSQL down (nothing listens on its port): psycopg's own error, on every path."""
    with gunicorn(tmp_path, f"postgres://postgres@127.0.0.1:{free_port()}/emuraciet") as url:
        assert_unavailable(httpx.get(url + "/api/v1/services/"), "application/json")
        assert_unavailable(httpx.get(url + "/"), "text/html")
        assert_unavailable(httpx.get(url + SERVICE_AZ), "text/html")
        assert_unavailable(httpx.get(url + SERVICE_AZ + "status/"), "text/html")
        assert_unavailable(httpx.get(url + "/admin/login/"), "text/html")
        response = httpx.post(
            url + SUBMISSIONS, json=d.ANSWERS, headers={"Idempotency-Key": "pg-1"}
        )
        assert_unavailable(response, "application/json")


@pytest.mark.postgres
def test_a_restarted_postgresql_costs_one_503_then_the_site_recovers(live_demo_site, tmp_path):
    """The server's connections are cut as a PostgreSQL restart cuts them (only this test
    database's, so nothing else on the server notices): the request on the dead connection
    answers 503, the next one reconnects."""
    with gunicorn(tmp_path, database_url()) as url:
        assert httpx.get(url + "/api/v1/services/").status_code == 200
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        assert_unavailable(httpx.get(url + "/api/v1/services/"), "application/json")
        assert httpx.get(url + "/api/v1/services/").status_code == 200
        response = httpx.post(
            url + SUBMISSIONS, json=d.ANSWERS, headers={"Idempotency-Key": "pg-2"}
        )
        assert response.status_code == 201, response.text
