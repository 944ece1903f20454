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


def use_theme(name):
    setting = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
    setting.theme = name
    setting.save()


def test_three_themes_ship_each_with_a_manifest():
    themes = available_themes()
    assert {"default", "post_office", "high_contrast"} <= set(themes)
    assert themes["post_office"].parent == "default"
    assert themes["high_contrast"].parent == "default"
    assert all(t.label and t.description for t in themes.values())


@pytest.mark.parametrize("name", ["post_office", "high_contrast"])
def test_a_child_theme_adds_its_stylesheet_after_its_parents(client, name):
    use_theme(name)
    html = client.get("/en/").content.decode()
    default = html.index("/static/themes/default/css/theme.css")
    assert html.index(f"/static/themes/{name}/css/theme.css") > default
    assert f"theme-{name}" in html


def test_a_theme_overrides_an_apps_template_and_inherits_the_rest(tmp_path, settings, client):
    """A grandchild theme: its own service page, its parent's stylesheet, the default's base."""
    theme = tmp_path / "ministry"
    (theme / "templates" / "forms_app").mkdir(parents=True)
    (theme / "static" / "js").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "Ministry"\nparent = "high_contrast"\n')
    (theme / "templates" / "forms_app" / "eservice_page.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1 class="ministry">{{ page.title }}</h1>'
        "{% endblock %}"
    )
    (theme / "static" / "js" / "site.js").write_text("// the ministry's own")
    settings.THEMES_DIRS = [tmp_path]
    use_theme("ministry")
    html = client.get("/en/e-services/targeted-social-assistance/").content.decode()
    assert '<h1 class="ministry">Targeted state social assistance</h1>' in html
    assert "/static/themes/high_contrast/css/theme.css" in html  # the parent's
    assert "/static/themes/ministry/js/site.js" in html  # its own copy wins
    assert "/static/themes/default/css/theme.css" in html  # the grandparent's


def test_a_theme_whose_parent_is_missing_falls_back_to_the_default(tmp_path, settings):
    from themes.registry import theme_chain

    (tmp_path / "orphan").mkdir()
    (tmp_path / "orphan" / "theme.toml").write_text('parent = "gone"\n')
    settings.THEMES_DIRS = [tmp_path]
    assert [t.name for t in theme_chain("orphan")] == ["orphan", "default"]


def test_an_administrator_previews_a_theme_for_their_session_only(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="admin"))
    gallery = client.get("/admin/themes/").content.decode()
    assert "Post-office counter" in gallery and "High contrast" in gallery
    response = client.post("/admin/themes/preview/", {"theme": "high_contrast"})
    assert response.status_code == 302
    html = client.get("/en/").content.decode()
    assert "theme-high_contrast" in html and "You are previewing the theme" in html

    from django.test import Client

    assert "theme-default" in Client().get("/en/").content.decode()  # visitors: unchanged
    client.post("/admin/themes/preview/stop/", {"next": "/en/"})
    assert "theme-default" in client.get("/en/").content.decode()


def test_nobody_else_can_preview(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="editor"))
    refused = client.post("/admin/themes/preview/", {"theme": "high_contrast"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # "no permission"
    assert "theme-default" in client.get("/en/").content.decode()
