import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Workflow

from forms_app.models import EServicePage
from pages.models import HomePage, ServiceIndexPage, StandardPage
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

SERVICE_URLS = {
    "az": ("/e-xidmetler/unvanli-dovlet-sosial-yardimi/", "Ünvanlı dövlət sosial yardımı"),
    "ru": (
        "/ru/e-uslugi/adresnaya-socialnaya-pomosch/",
        "Адресная государственная социальная помощь",
    ),
    "en": ("/en/e-services/targeted-social-assistance/", "Targeted state social assistance"),
}


@pytest.mark.parametrize(
    "url,expected",
    [("/", "e-xidmətlər"), ("/ru/", "э-услуги"), ("/en/", "e-services")],
)
def test_home_page_in_each_language_lists_its_services(client, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected.lower() in html.lower()
    assert "/e-" in html  # the e-service link


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_e_service_page_shows_its_guidance_and_a_way_to_apply(client, language):
    url, title = SERVICE_URLS[language]
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html
    assert f'<html lang="{language}">' in html
    assert f'action="{url}start/"' in html


def test_language_menu_links_to_the_translations_of_the_page(client):
    html = client.get(SERVICE_URLS["az"][0]).content.decode()
    assert f'href="{SERVICE_URLS["ru"][0]}"' in html
    assert f'href="{SERVICE_URLS["en"][0]}"' in html


def test_search_finds_pages_in_the_visitors_language(client):
    response = client.get("/en/search/", {"q": "assistance"})
    assert response.status_code == 200
    assert "Targeted state social assistance" in response.content.decode()
    assert "Адресная" not in response.content.decode()


def test_search_survives_hostile_input(client):
    for query in ["", "'; DROP TABLE x; --", "ə" * 5000, "%00", "<script>"]:
        assert client.get("/search/", {"q": query, "page": "x"}).status_code == 200


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_seed_demo_is_idempotent():
    counts = (Page.objects.count(), get_user_model().objects.count(), Group.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Page.objects.count(), get_user_model().objects.count(), Group.objects.count()) == counts


def test_seed_demo_builds_the_ministry_tree_in_three_languages():
    for model in (HomePage, ServiceIndexPage, EServicePage, StandardPage):
        codes = set(model.objects.live().values_list("locale__language_code", flat=True))
        assert codes == {"az", "ru", "en"}, model


@pytest.mark.parametrize(
    "username,group",
    [
        ("editor", "Editors"),
        ("moderator", "Moderators"),
        ("caseworker", "Caseworkers"),
        ("supervisor", "Supervisors"),
        ("operator", "Post-office operators"),
    ],
)
def test_demo_users_are_in_their_groups(username, group):
    assert get_user_model().objects.get(username=username).groups.filter(name=group).exists()


def test_editor_logs_in_to_the_wagtail_admin_with_the_demo_password(client):
    response = client.post(
        "/admin/login/", {"username": "editor", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "editor"
    assert client.get("/admin/").status_code == 200


def test_site_tree_is_moderated_editors_submit_and_moderators_publish():
    home = HomePage.objects.get(locale__language_code="az")
    workflow = home.get_workflow()
    assert isinstance(workflow, Workflow) and workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]

    editor = get_user_model().objects.get(username="editor")
    moderator = get_user_model().objects.get(username="moderator")
    assert home.permissions_for_user(editor).can_edit()
    assert not home.permissions_for_user(editor).can_publish()
    assert home.permissions_for_user(moderator).can_publish()
