"""The public statistics: figures from the cases, charts drawn on the server, cached."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework import statistics, tasks
from casework.models import Case
from forms_app.services import submit_declaration
from tests.casework.conftest import registries, submit_scenario  # noqa: F401  (fixtures)
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db

STATISTICS_URL = "/en/statistics/"


def apply(service_page, channel="online", days_ago=0):
    consent = {"citizen_consent": True} if channel == "post_office" else {}
    # Each application another applicant's: one open application per applicant.
    answers = {**d.another_applicant(), **consent}
    submission = submit_declaration(
        service_page, service_page.current_form_version(), answers, channel=channel
    )
    if days_ago:
        received = timezone.now() - datetime.timedelta(days=days_ago)
        Case.objects.filter(submission=submission).update(received_at=received)
    return submission


def test_applications_are_counted_per_day_and_channel(
    service_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # each case goes through the pipeline
        apply(service_page)
        apply(service_page, channel="post_office", days_ago=2)
        apply(service_page, channel="api", days_ago=2)
    today = timezone.localdate()
    days = statistics.applications_per_day(today - datetime.timedelta(days=6))
    assert days[today] == {"online": 1}
    assert days[today - datetime.timedelta(days=2)] == {"post_office": 1, "api": 1}
    assert statistics.applications_per_channel() == {"online": 1, "post_office": 1, "api": 1}
    totals = statistics.outcome_totals()
    assert totals["received"] == 3
    assert totals["decided"] + totals["flagged"] == 3  # every case was decided or flagged
    assert totals["granted"] + totals["refused"] <= totals["decided"]


def test_the_statistics_page_shows_the_figures_and_its_charts(client, service_page):
    apply(service_page)
    apply(service_page, channel="post_office", days_ago=1)
    html = client.get(STATISTICS_URL).content.decode()
    assert "2 applications in 2 days." in html
    assert 'src="/en/statistics/charts/applications-per-day.svg"' in html
    assert "<table" in html  # the same figures for those who can't see the chart
    chart = client.get("/en/statistics/charts/applications-per-day.svg")
    assert chart["Content-Type"] == "image/svg+xml"
    svg = chart.content.decode()
    assert "Applications per day and channel" in svg and "<script" not in svg
    assert "At a post office" in svg  # the legend names the channels
    az_chart = client.get("/statistics/charts/outcomes.svg").content.decode()
    assert "Müraciətlər və qərarlar" in az_chart
    assert client.get("/en/statistics/charts/nothing.svg").status_code == 404


def test_the_figures_are_cached_and_cheap_to_serve(client, service_page):
    apply(service_page)
    client.get(STATISTICS_URL)
    client.get("/en/statistics/charts/applications-per-day.svg")
    apply(service_page)
    with CaptureQueriesContext(connection) as queries:
        chart = client.get("/en/statistics/charts/applications-per-day.svg")
        page = client.get(STATISTICS_URL)
    assert chart.status_code == 200 and page.status_code == 200
    assert not [q for q in queries.captured_queries if "casework_" in q["sql"]]
    assert "1 application in 1 day." in client.get(STATISTICS_URL).content.decode()


def test_the_admin_dashboard_shows_the_figures(client, service_page):
    apply(service_page)
    client.force_login(User.objects.get(username="admin"))
    html = client.get("/admin/").content.decode()
    assert "statistics-panel-title" in html
    assert "charts/applications-per-day.svg" in html


def test_the_share_decided_within_the_deadline_is_published(
    client,
    registries,  # noqa: F811
    submit_scenario,  # noqa: F811
):
    on_time, late = submit_scenario("eligible"), submit_scenario("vehicle_owner")
    for case in (on_time, late):
        tasks.process_case(case.pk)
    # The second was decided after its due date (as if the clock had run out).
    Case.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(1))
    totals = statistics.outcome_totals()
    assert (totals["decided"], totals["decided_in_time"]) == (2, 1)
    html = client.get(STATISTICS_URL).content.decode()
    assert "50 % of decisions were made within 15 working days of the application (1 of 2)" in html
