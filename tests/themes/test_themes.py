import pytest
from wagtail.models import Site

from themes.models import ThemeSettings
from themes.registry import available_themes

pytestmark = pytest.mark.django_db


@pytest.fixture
def night_theme(tmp_path, settings):
    """A second theme kept outside the repository, as a ministry might keep its own."""
    theme = tmp_path / "night"
    (theme / "templates" / "pages").mkdir(parents=True)
    (theme / "static" / "css").mkdir(parents=True)
    (theme / "theme.toml").write_text('label = "Night"\n', encoding="utf-8")
    (theme / "templates" / "pages" / "standard_page.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1 class="night">{{ page.title }}</h1>'
        "{% endblock %}",
        encoding="utf-8",
    )
    (theme / "static" / "css" / "night.css").write_text("body { background: #000; }")
    settings.THEMES_DIRS = [tmp_path]
    return "night"


def test_the_default_theme_serves_every_public_page(client):
    html = client.get("/en/contact/").content.decode()
    assert "theme-default" in html
    assert "/static/themes/default/css/theme.css" in html


def test_the_site_setting_switches_the_theme_and_falls_back_to_the_default(client, night_theme):
    assert set(available_themes()) == {"default", "post_office", "high_contrast", "night"}
    setting = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
    setting.theme = night_theme
    setting.save()

    contact = client.get("/en/contact/").content.decode()
    assert '<h1 class="night">Contact</h1>' in contact
    assert "theme-night" in contact
    # A template the theme doesn't override comes from the default theme.
    assert client.get("/en/").status_code == 200


def test_an_unknown_theme_name_falls_back_to_the_default(client):
    setting = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
    ThemeSettings.objects.filter(pk=setting.pk).update(theme="removed-theme")
    assert "theme-default" in client.get("/en/contact/").content.decode()


def test_theme_static_files_are_found(night_theme):
    from django.contrib.staticfiles import finders

    assert finders.find("themes/default/css/theme.css")
    assert finders.find("themes/night/css/night.css")
