"""The mocks as their own process, and mounted in the site."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.test import Client

from registry_mocks.population import current_population
from registry_mocks.wsgi import MocksApplication
from tests.network import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_the_standalone_wsgi_application_serves_only_the_mocks():
    pin = current_population().household(1).applicant.pin
    transport = httpx.WSGITransport(app=MocksApplication())
    with httpx.Client(
        transport=transport, base_url="http://mocks", headers={"X-Api-Key": "dev-key"}
    ) as client:
        catalogue = client.get("/registry-mocks/").json()
        assert (
            catalogue["registries"][0]["endpoints"]["person"]
            == "/registry-mocks/civil/v1/persons/{pin}"
        )
        assert client.get(f"/registry-mocks/civil/v1/persons/{pin}").json()["pin"] == pin
        batch = client.post("/registry-mocks/land/v1/persons/batch", json={"pins": [pin]})
        assert batch.json()["results"][0]["status"] == 200
        assert client.get("/admin/").status_code == 404  # the site is not here


# Of the site's middleware, these two read the database on every request (or every 404).
READS_THE_DATABASE = {
    "themes.middleware.ActiveThemeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
}


def test_mounted_in_the_site_and_exempt_from_csrf(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m not in READS_THE_DATABASE]
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    pin = current_population().household(2).applicant.pin
    client = Client(enforce_csrf_checks=True, headers={"X-Api-Key": "dev-key"})
    assert client.get("/registry-mocks/").status_code == 200
    response = client.post(
        "/registry-mocks/civil/v1/persons/batch", {"pins": [pin]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert client.get("/registry-mocks/civil/v1/nothing-here").json()["error"] == "not_found"


@pytest.mark.parametrize("server", ["gunicorn", "wsgiref"])
def test_run_registry_mocks_serves_over_http(server):
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "run_registry_mocks",
            "--port",
            str(port),
            "--server",
            server,
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60  # a loaded CI machine starts Django slowly
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/registry-mocks/", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, (
                    "the server did not start"
                )
                time.sleep(0.1)
        assert response.status_code == 200
        assert len(response.json()["registries"]) == 21
        pin = response.json()["population"]["example_pin"]
        answer = httpx.get(
            f"http://127.0.0.1:{port}/registry-mocks/tax/v1/persons/{pin}",
            headers={"X-Api-Key": "dev-key"},
        )
        assert answer.status_code == 200 and answer.json()["fin"] == pin
    finally:
        process.terminate()
        process.wait(timeout=10)
