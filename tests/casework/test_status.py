"""The citizen learns the decision: on the status page and through POST /api/v1/status, in their
language; nobody learns anything from a wrong reference or FİN."""

import pytest

from casework import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(registries, submit_scenario):
    case = submit_scenario("eligible")
    tasks.process_case(case.pk)
    return case


@pytest.fixture
def refused(registries, submit_scenario):
    case = submit_scenario("vehicle_owner")
    tasks.process_case(case.pk)
    return case


def ask(client, reference, pin, **extra):
    return client.post(
        "/api/v1/status",
        {"reference": reference, "pin": pin},
        content_type="application/json",
        **extra,
    )


def test_the_api_gives_a_grant_in_the_language_asked(client, granted):
    pin = granted.submission.answers["pin"]
    body = ask(client, granted.reference.lower(), pin, QUERY_STRING="lang=en").json()
    assert body["status"] == "closed" and body["outcome"] == "granted"
    assert body["monthly_amount"] == "750.00"
    assert body["period"] == {"start": "2026-11-01", "end": "2027-10-31"}
    assert body["grounds"] == []
    assert body["explanation"][0].startswith("Average family income 450.00 AZN a month")
    assert body["rule_set_version"].startswith("P1-")
    russian = ask(client, granted.reference, pin, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert russian["explanation"][0].startswith("Среднемесячный доход семьи")


def test_the_api_gives_every_ground_of_a_refusal(client, refused):
    pin = refused.submission.answers["pin"]
    body = ask(client, refused.reference, pin, QUERY_STRING="lang=en").json()
    assert (body["outcome"], body["monthly_amount"], body["period"]) == ("refused", None, None)
    assert body["grounds"] == [{"code": "vehicle", "text": "The family owns or uses a vehicle"}]
    assert "10-RT-482 Toyota Prius 2015" in body["explanation"][1]


def test_a_wrong_fin_or_reference_says_only_no_match(client, granted):
    wrong_pin = ask(client, granted.reference, "AAAAAAA")
    wrong_reference = ask(client, "UDSY-2026-999999", granted.submission.answers["pin"])
    assert wrong_pin.status_code == wrong_reference.status_code == 404
    assert wrong_pin.json() == wrong_reference.json()


def test_the_api_is_limited_like_the_status_page(client, granted, settings):
    settings.FORMS_APP = {**settings.FORMS_APP, "STATUS_FAILURES_PER_ADDRESS": 2}
    for _ in range(2):
        ask(client, granted.reference, "AAAAAAA")
    limited = ask(client, granted.reference, granted.submission.answers["pin"])
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0


def test_a_case_still_being_processed_has_no_outcome(client, registries, submit_scenario):
    case = submit_scenario("eligible")
    body = ask(client, case.reference, case.submission.answers["pin"]).json()
    assert (body["status"], body["outcome"], body["explanation"]) == ("received", None, [])


def test_the_endpoint_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/status"]


def test_the_status_page_shows_the_decision_and_its_explanation(client, granted, service_page):
    response = client.post(
        service_page.url + "status/",
        {"reference": granted.reference, "pin": granted.submission.answers["pin"]},
    )
    page = response.content.decode()
    assert "750" in page and "1 noyabr 2026" in page
    assert "Ailənin orta aylıq gəliri (noyabr 2025 – oktyabr 2026) 450,00 AZN" in page


def calculate(client, service_page, **answers):
    defaults = {
        "members": 4,
        "monthly_income": "450",
        "utility_costs": "40",
        "deals": "0",
        "dwellings": 1,
        "vehicle": "no",
        "idle_adult": "no",
    }
    return client.post(service_page.url + "tools/calculator/", {**defaults, **answers})


def test_the_calculator_estimates_with_the_published_rules(client, service_page):
    from casework.models import Case, Decision

    page = calculate(client, service_page, HTTP_ACCEPT_LANGUAGE="az").content.decode()
    assert "750,00 AZN" in page or "750.00" in page
    assert "Ailənin orta aylıq gəliri" in page
    refused = calculate(client, service_page, vehicle="yes").content.decode()
    assert "nəqliyyat vasitəsi" in refused
    assert not Case.objects.exists() and not Decision.objects.exists()  # it stores nothing


def test_the_calculator_is_linked_from_the_service_page_and_refuses_nonsense(client, service_page):
    assert "tools/calculator/" in client.get(service_page.url).content.decode()
    response = calculate(client, service_page, members="0", monthly_income="-5")
    assert response.status_code == 200
    assert response.content.decode().count("error-message") == 2
