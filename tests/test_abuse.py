"""Abuse resisted: admin log-in throttled and locked out, a Content-Security-Policy and a
Permissions-Policy on every page, personal documents never cached, and production refusing to
start with rate limits counted per process."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from casework.models import AuditEvent
from forms_app import services
from forms_app.models import Submission
from tests.conftest import DEMO_PASSWORD
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def log_in(client, password, address="198.51.100.7"):
    return client.post(LOGIN, {"username": "supervisor", "password": password}, REMOTE_ADDR=address)


def test_thirty_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, settings):
    settings.AXES_ENABLED = True
    for _ in range(30):
        assert log_in(client, "guess").status_code in (200, 429)
    locked = log_in(client, DEMO_PASSWORD)
    assert locked.status_code == 429
    assert "Həddən çox yanlış parol" in locked.content.decode()  # "Too many wrong passwords"
    assert "_auth_user_id" not in client.session
    # Someone else, from elsewhere, logs in as usual.
    assert log_in(client, DEMO_PASSWORD, address="203.0.113.50").status_code == 302


def test_a_few_mistakes_then_the_right_password_work(client, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "typo").status_code == 200
    assert log_in(client, DEMO_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "url", ["/", "/en/e-services/targeted-social-assistance/", "/api/v1/docs", "/admin/login/"]
)
def test_every_page_has_a_content_security_policy_and_a_permissions_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert (
        "unsafe-eval" not in csp
        and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_receipt_and_the_answers_are_never_cached_and_the_download_is_recorded(
    client, service_page
):
    d.fill_in(client)
    assert "no-store" in client.get(d.SERVICE_URL + "check/")["Cache-Control"]
    confirmation = d.submit(client)
    receipt = client.get(confirmation["Location"].replace("confirmation", "receipt"))
    assert receipt["Content-Type"] == "application/pdf"
    assert "no-store" in receipt["Cache-Control"]
    event = AuditEvent.objects.get(action="personal_data.downloaded")
    submission = Submission.objects.get()
    assert event.actor is None  # the citizen, holding the receipt's link
    assert event.case == submission.case and event.data["references"] == [submission.reference]


def test_the_api_receipt_link_is_never_cached_either(client, service_page):
    submission = services.submit_declaration(
        service_page, service_page.current_form_version(), d.ANSWERS, channel="api"
    )
    url = service_page.url + service_page.reverse_subpage("receipt", args=[submission.public_id])
    response = client.get(url, {"t": services.receipt_token(submission)})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def run_check(**env):
    """`manage.py check` under the production settings, in its own process."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "check-only",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "ALLOWED_HOSTS": "example.az",
        "REDIS_URL": "",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_rate_limits_counted_per_process():
    without = run_check()
    assert without.returncode != 0
    assert "forms_app.E001" in without.stderr
    with_redis = run_check(REDIS_URL="redis://127.0.0.1:6379/0")
    assert with_redis.returncode == 0, with_redis.stderr
