from datetime import timedelta

import pytest
from django.utils import timezone

from casework.models import RegistryLookup, RegistrySource
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax(db):
    return RegistrySource.objects.get_or_create(
        code="tax", defaults={"name_az": "Dövlət Vergi Xidməti", "base_url": "http://x/tax/"}
    )[0]


def lookups(outcomes_and_latencies, *, ago=timedelta(minutes=5)):
    RegistryLookup.objects.bulk_create(
        RegistryLookup(
            registry="tax",
            pins=["1DECWYC"],
            outcome=outcome,
            latency_ms=latency,
            requested_at=timezone.now() - ago,
        )
        for outcome, latency in outcomes_and_latencies
    )


def test_health_shows_error_rate_and_latency_percentiles_of_the_last_hour(client, tax):
    lookups([("found", 100)] * 90 + [("timeout", 3000)] * 10)
    lookups([("error", 1)] * 50, ago=timedelta(hours=2))  # outside the window
    client.login(username="admin", password=DEMO_PASSWORD)
    html = client.get("/admin/registry-health/").content.decode()
    row = html[html.index('class="registry-tax"') :]
    row = row[: row.index("</tr>")]
    assert "<td>100</td>" in row and "<td>10%</td>" in row
    assert "<td>100 ms</td>" in row  # p50
    assert "<td>3000 ms</td>" in row  # p95: the slowest tenth are the timeouts
    assert "closed" in row


def test_health_shows_an_open_circuit(client, tax):
    RegistrySource.objects.filter(pk=tax.pk).update(
        opened_until=timezone.now() + timedelta(seconds=30)
    )
    client.login(username="admin", password=DEMO_PASSWORD)
    html = client.get("/admin/registry-health/").content.decode()
    assert 'class="circuit-open"' in html


def test_editors_cannot_see_registry_health(client, tax):
    client.login(username="editor", password=DEMO_PASSWORD)
    assert client.get("/admin/registry-health/").status_code in (302, 403)


def test_supervisors_see_registry_health(client, tax):
    client.login(username="supervisor", password=DEMO_PASSWORD)
    assert client.get("/admin/registry-health/").status_code == 200
