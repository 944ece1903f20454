"""An applicant whose own application is still open can't file another: the API answers 409 with
the open reference, the web form says so; once it is decided a new one is accepted. Concurrent
first applications of one family make exactly one, on SQLite and on PostgreSQL."""

import json
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from casework.models import Case
from forms_app import services
from forms_app.models import EServicePage, Submission
from tests.forms_app import declaration as d

SUBMISSIONS = "/api/v1/services/unvanli-dovlet-sosial-yardimi/submissions"


def submit(service_page, answers, key):
    return services.submit_declaration(
        service_page,
        service_page.current_form_version(),
        answers,
        channel="online",
        idempotency_key=key,
    )


def post(client, answers, key):
    return client.post(
        SUBMISSIONS,
        json.dumps(answers),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


@pytest.mark.django_db
def test_a_second_application_is_refused_while_the_first_is_open(client, service_page):
    first = post(client, d.ANSWERS, "first")
    assert first.status_code == 201
    reference = first.json()["reference"]
    # Another declaration of the same applicant (another key, other answers).
    second = post(client, {**d.ANSWERS, "dwellings_count": 2}, "second")
    assert second.status_code == 409
    assert second.json()["reference"] == reference
    assert reference in second.json()["detail"]
    assert post(client, d.ANSWERS, "first").json()["reference"] == reference  # a retry still is
    # Someone else applies as usual; the applicant again once the case is decided.
    assert post(client, d.another_applicant(), "someone-else").status_code == 201
    Case.objects.filter(reference=reference).update(status=Case.Status.DECIDED)
    assert (
        post(client, {**d.ANSWERS, "dwellings_count": 2}, "after-the-decision").status_code == 201
    )


@pytest.mark.django_db
def test_the_web_form_names_the_open_application(client, service_page):
    open_one = submit(service_page, d.ANSWERS, "api-first")
    d.fill_in(client)
    response = d.submit(client)
    assert response.status_code == 302 and response["Location"].endswith("/check/")
    page = client.get(response["Location"]).content.decode()
    assert f"You already have an application that is being processed: {open_one.reference}" in page
    assert Submission.objects.count() == 1


def race(applicants, parallel):
    """`parallel` threads send first applications at once, each with its own key; what each got."""
    start = Barrier(parallel)

    def apply(i):
        try:
            service = EServicePage.objects.get(locale__language_code="az", reference_prefix="UDSY")
            answers = d.of_applicant(applicants[i % len(applicants)])
            start.wait()
            return submit(service, answers, f"race-{i}").reference
        except services.SubmissionRefused as refusal:
            return f"refused:{refusal.reference}"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return list(pool.map(apply, range(parallel)))


def assert_one_application_each(outcomes, applicants):
    accepted = [o for o in outcomes if not o.startswith("refused:")]
    refused = [o.removeprefix("refused:") for o in outcomes if o.startswith("refused:")]
    assert len(accepted) == len(applicants) == Submission.objects.count() == Case.objects.count()
    assert set(refused) <= set(accepted)  # each refusal names the application that won
    assert sorted(s.answers["pin"] for s in Submission.objects.all()) == sorted(applicants)


def test_concurrent_first_applications_of_one_family_make_one(live_demo_site):
    outcomes = race(["8100001"], parallel=8)
    assert_one_application_each(outcomes, ["8100001"])


@pytest.mark.postgres
def test_concurrent_first_applications_make_one_per_family_on_postgresql(live_demo_site):
    """Row locks, not SQLite's one writer at a time: three families, sixteen submits at once."""
    families = ["8200001", "8200002", "8200003"]
    outcomes = race(families, parallel=16)
    assert_one_application_each(outcomes, families)
