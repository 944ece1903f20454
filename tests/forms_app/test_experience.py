"""What a citizen notices on the declaration's pages: errors that name the field and are
announced with it, dates in three boxes, saving half a page, switching language, the idle
timeout, the operator's printed receipt."""

import datetime
import io
import re

import pypdf
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from forms_app.models import Draft
from tests.conftest import DEMO_PASSWORD
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db


def ids_described(html):
    return {i for value in re.findall(r'aria-describedby="([^"]+)"', html) for i in value.split()}


def ids_present(html):
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_every_description_a_field_names_is_on_the_page(client):
    d.start(client)
    for name, data in d.STEPS:
        url = f"{d.SERVICE_URL}step/{name}/"
        empty = {k: "" for k in data if not k.endswith("_FORMS")}
        for html in (
            client.get(url).content.decode(),
            d.post_step(client, name, {**data, **empty}).content.decode(),
        ):
            assert ids_described(html) <= ids_present(html), name
        d.post_step(client, name, data)


def test_each_error_names_its_field_once_and_links_to_it(client):
    d.start(client)
    html = d.post_step(client, "applicant", {"birth_date_day": "1"}).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert '<a href="#id_last_name">Enter “Surname”</a>' in summary
    assert '<a href="#id_lives_at_registered_address_0">Choose an answer to' in summary
    assert "“Date of birth” must include a month" in summary
    assert "This field is required" not in html
    assert "<title>Error: Applicant" in html
    # The inline message is the one the field's aria-describedby names.
    assert 'aria-describedby="id_pin_helptext id_pin_error"' in html
    assert '<p class="error-message" id="id_pin_error">' in html


def test_a_future_birth_date_gets_one_message(client):
    d.start(client)
    future = timezone.localdate() + datetime.timedelta(days=30)
    data = {**d.APPLICANT, "birth_date": future.isoformat()}
    html = d.post_step(client, "applicant", data).content.decode()
    assert html.count('id="id_birth_date_error"') == 1
    assert html.count("be in the future.") == 2  # the field and the summary, once each


@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("31", "2", "1985", "“Date of birth” must be a real date"),
        ("14", "", "1985", "“Date of birth” must include a month"),
        ("14", "3", "85", "“Date of birth” must be a real date"),
    ],
)
def test_a_date_is_asked_in_three_boxes(client, day, month, year, message):
    d.start(client)
    data = {k: v for k, v in d.APPLICANT.items() if k != "birth_date"}
    parts = {"birth_date_day": day, "birth_date_month": month, "birth_date_year": year}
    html = d.post_step(client, "applicant", {**data, **parts}).content.decode()
    assert message in html


def test_a_date_in_three_boxes_is_stored_as_one(client):
    d.start(client)
    data = {k: v for k, v in d.APPLICANT.items() if k != "birth_date"}
    parts = {"birth_date_day": "14", "birth_date_month": "03", "birth_date_year": "1985"}
    assert d.post_step(client, "applicant", {**data, **parts}).status_code == 302
    assert Draft.objects.get().answers["birth_date"] == "1985-03-14"
    html = client.get(d.SERVICE_URL + "step/applicant/").content.decode()
    assert 'name="birth_date_year" value="1985"' in html


def test_save_and_come_back_later_keeps_what_is_valid(client):
    d.start(client)
    half = {"pin": "5ZJBKQG", "last_name": "Əliyeva", "id_card_number": "wrong"}
    response = d.post_step(client, "applicant", {**half, "action": "save"})
    assert response.status_code == 302 and response["Location"].endswith("/save/")
    draft = Draft.objects.get()
    assert draft.answers == {"pin": "5ZJBKQG", "last_name": "Əliyeva"}
    assert draft.completed_steps == []
    html = client.get(d.SERVICE_URL + "step/applicant/").content.decode()
    assert 'value="Əliyeva"' in html


def test_switching_language_mid_form_stays_on_the_same_step(client):
    d.fill_in(client, steps=d.STEPS[:1])
    html = client.get(d.SERVICE_URL + "step/family/").content.decode()
    ru = re.search(r'href="([^"]+)" lang="ru"', html).group(1)
    assert ru == "/ru/e-uslugi/adresnaya-socialnaya-pomosch/step/family/"
    page = client.get(ru)
    assert page.status_code == 200 and "Члены семьи" in page.content.decode()
    d.post_step(client, "family", d.FAMILY, url="/ru/e-uslugi/adresnaya-socialnaya-pomosch/")
    assert Draft.objects.get().language == "ru"  # documents and messages follow


def test_an_idle_application_closes_after_the_timeout_and_the_link_reopens_it(client, settings):
    settings.FORMS_APP = {**settings.FORMS_APP, "DRAFT_IDLE_MINUTES": 30}
    d.fill_in(client, steps=d.STEPS[:1])
    html = client.get(d.SERVICE_URL + "step/family/").content.decode()
    assert 'data-timeout-seconds="1800"' in html and 'id="timeout-dialog"' in html
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=25)):
        assert client.post(d.SERVICE_URL + "keepalive/").status_code == 204
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=50)):
        assert client.get(d.SERVICE_URL + "step/family/").status_code == 200  # kept alive
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=90)):
        response = client.get(d.SERVICE_URL + "step/family/")
        assert response.status_code == 302 and response["Location"] == d.SERVICE_URL
        assert client.post(d.SERVICE_URL + "keepalive/").status_code == 410
    assert Draft.objects.get().answers["pin"] == "5ZJBKQG"  # nothing was lost


def test_the_operators_printed_receipt_has_branch_operator_and_signature_lines():
    operator = Client()
    operator.login(username="operator", password=DEMO_PASSWORD)
    consent = ("declaration", {**d.DECLARATION, "citizen_consent": "on"})
    d.fill_in(operator, steps=[*d.STEPS[:-1], consent])
    confirmation = operator.get(d.submit(operator)["Location"]).content.decode()
    assert "Start the next citizen" in confirmation
    receipt_url = re.search(r'href="([^"]+receipt/[^"]+)"', confirmation).group(1)
    printed = operator.get(receipt_url + "?print=1")
    assert printed["Content-Disposition"].startswith("inline")  # opens ready to print
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(printed.content)).pages)
    for line in (
        "Post-office branch",
        "AZ1000 Bakı, Nəsimi poçt şöbəsi",
        "Operator",
        "operator",
        "Operator's signature",
        "Applicant's signature",
    ):
        assert line in text, line


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("themes/default/images/favicon.ico")
