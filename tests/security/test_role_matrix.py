"""The role × permission matrix of docs/security.md, measured: every admin URL and API endpoint
the URL resolver knows (a view added later included) is requested as each role and compared with
what the matrix says. A URL the matrix doesn't name fails the test: say who may use it first.

A cell ✓ means the role gets the view (not sent to log in, not refused); — means it never gets a
page (200), and a real object's address answers it exactly as a missing one does, so nobody
learns which records exist; · means not judged (a public asset, a page whose answer depends on
state the walk doesn't set up)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from forms_app import services
from tests.forms_app import declaration as d
from tests.security.urls import endpoints, matches, values

ROLES = ["anonymous", "editor", "moderator", "caseworker", "supervisor", "operator", "admin"]
MATRIX = Path(settings.BASE_DIR) / "docs" / "security.md"


def written_matrix() -> list[tuple[list[str], dict[str, str]]]:
    """The matrix's rows: (URL name patterns, {role: ✓ / — / ·})."""
    rows = []
    for line in MATRIX.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 + len(ROLES) or "`" not in cells[1]:
            continue
        patterns = re.findall(r"`([^`]+)`", cells[1])
        marks = [c.split()[0] if c else "" for c in cells[2 : 2 + len(ROLES)]]
        rows.append((patterns, dict(zip(ROLES, marks, strict=True))))
    return rows


def personal_records() -> list[str]:
    """The URL patterns of records that tell about a person (the "Personal records:" line)."""
    for line in MATRIX.read_text().splitlines():
        if line.startswith("Personal records:"):
            return re.findall(r"`([^`]+)`", line)
    return []


def row_for(name: str, rows):
    """The row whose pattern names the URL most closely (an exact name before a wildcard)."""
    found = [
        (max(len(p) for p in pats if matches(name, [p])), marks)
        for pats, marks in rows
        if matches(name, pats)
    ]
    return max(found, key=lambda f: f[0])[1] if found else None


def outcome(response) -> str:
    if response.status_code == 200:
        return "page"
    location = response.get("Location", "")
    if response.status_code == 302 and (
        "/login/" in location or location.rstrip("/").endswith("/admin")
    ):
        return "refused"  # to log in, or Wagtail's "no permission" back to the dashboard
    if response.status_code == 403:
        return "refused"
    return str(response.status_code)  # a 404 for made-up parameters, a 405 for a POST-only view


class Role:
    """A browser of one demo user; keeps its session whatever a page does to the cookie (the
    admin's log-out drops it even when it refuses a GET)."""

    def __init__(self, username):
        self.client = Client(raise_request_exception=False)
        self.session = None
        if username != "anonymous":
            self.client.force_login(get_user_model().objects.get(username=username))
            self.session = self.client.cookies[settings.SESSION_COOKIE_NAME].value

    def get(self, url):
        response = self.client.get(url)
        if self.session:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.session
        return response


def walk(service_page, only=None, skip=None):
    """Request every endpoint as every role: (names not in the matrix, deviations from it)."""
    services.submit_declaration(
        service_page, service_page.current_form_version(), d.ANSWERS, channel="online"
    )
    services.issue_api_key(name="Mobile app", submissions_per_minute=60)
    rows = written_matrix()
    personal = personal_records()
    assert rows and personal, f"no matrix found in {MATRIX}"
    roles = {name: Role(name) for name in ROLES}
    unlisted, wrong = [], []
    for endpoint in endpoints():
        expected = row_for(endpoint.name, rows)
        if expected is None:
            unlisted.append(endpoint.name)
            continue
        if (only and not matches(endpoint.name, only)) or (skip and matches(endpoint.name, skip)):
            continue
        url = endpoint.url(values(endpoint))
        missing_url = endpoint.url(values(endpoint, missing=True))
        probe = missing_url != url and matches(endpoint.name, personal)
        for role, browser in roles.items():
            got = outcome(browser.get(url))
            mark = expected[role]
            if mark == "✓" and got == "refused":
                wrong.append(f"{role} is refused {endpoint.name} ({url})")
            elif mark == "—" and got == "page":
                wrong.append(f"{role} gets {endpoint.name} ({url})")
            elif mark == "—" and probe and outcome(browser.get(missing_url)) != got:
                wrong.append(f"{role} tells a real {endpoint.name} from a missing one ({got})")
    return unlisted, wrong


@pytest.mark.django_db
def test_every_admin_url_and_api_endpoint_is_in_the_matrix_and_behaves_as_written(service_page):
    unlisted, wrong = walk(service_page)
    assert not unlisted, "Not in docs/security.md's matrix: " + ", ".join(sorted(unlisted))
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_a_registrys_api_key_is_never_shown_in_the_admin(client):
    from casework.models import RegistrySource

    source = RegistrySource.objects.order_by("pk").first()
    source.api_key = "registry-secret-do-not-show"
    source.save()
    client.force_login(get_user_model().objects.get(username="supervisor"))
    for url in (
        "/admin/registries/",
        f"/admin/registries/edit/{source.pk}/",
        f"/admin/registries/history/{source.pk}/",
    ):
        assert source.api_key not in client.get(url).content.decode(), url
