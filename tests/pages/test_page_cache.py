"""Home and e-service pages come from the cache for visitors without a session, and never show
one person's things to another."""

import re

import pytest
from django.test import Client

from forms_app.models import EServicePage
from pages.models import HomePage
from tests.conftest import DEMO_PASSWORD
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db


def token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_service_page_is_served_from_the_cache_with_each_visitors_own_csrf_token():
    first = Client(enforce_csrf_checks=True).get(d.SERVICE_URL)
    assert first["X-Page-Cache"] == "miss"
    visitor = Client(enforce_csrf_checks=True)
    second = visitor.get(d.SERVICE_URL)
    assert second["X-Page-Cache"] == "hit"
    html = second.content.decode()
    assert "Targeted state social assistance" in html and "__anonymous" not in html
    # The cached page's "Start now" works for this visitor, with the token it was given.
    start = visitor.post(d.SERVICE_URL + "start/", {"csrfmiddlewaretoken": token(html)})
    assert start.status_code == 302 and "/step/applicant/" in start["Location"]


@pytest.mark.parametrize("url", ["/", "/ru/", "/en/"])
def test_the_home_page_is_cached_in_each_language(client, url):
    client.get(url)
    response = Client().get(url)
    assert response["X-Page-Cache"] == "hit"
    assert f'<html lang="{url.strip("/") or "az"}">' in response.content.decode()


def test_a_visitor_with_an_application_open_never_gets_the_shared_page(client):
    Client().get(d.SERVICE_URL)  # cached for visitors without a session
    d.start(client)
    response = client.get(d.SERVICE_URL)
    assert "X-Page-Cache" not in response
    assert "Continue your application" in response.content.decode()
    step = client.get(d.SERVICE_URL + "step/applicant/")
    assert "X-Page-Cache" not in step


def test_an_operator_never_gets_the_shared_page(client):
    Client().get(d.SERVICE_URL)
    client.login(username="operator", password=DEMO_PASSWORD)
    html = client.get(d.SERVICE_URL).content.decode()
    assert "Apply on a citizen's behalf" in html


def test_publishing_empties_the_cache():
    Client().get(d.SERVICE_URL)
    page = EServicePage.objects.get(locale__language_code="en")
    page.title = "Targeted social assistance (new)"
    page.save_revision().publish()
    response = Client().get(d.SERVICE_URL)
    assert response["X-Page-Cache"] == "miss"
    assert "Targeted social assistance (new)" in response.content.decode()


def test_pages_with_messages_or_a_query_are_not_shared():
    Client().get("/en/")
    assert "X-Page-Cache" not in Client().get("/en/?utm_source=sms")
    with_messages = Client()
    with_messages.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in with_messages.get("/en/")


def test_other_pages_are_never_cached(client):
    client.get("/en/contact/")
    assert "X-Page-Cache" not in Client().get("/en/contact/")
    assert HomePage.objects.count() == 3
