"""Every page a citizen sees, in every theme and language, checked by axe-core: no violations,
and no "needs review" item for aria-valid-attr-value. Each walk also writes screenshots of the
key pages at 390 and 1280 px to var/screenshots/<theme>/ (in Azerbaijani, the default)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Site

from themes.models import ThemeSettings

from .conftest import SCREENSHOTS, describe, run_axe
from .declaration import FILL, HOME_PATHS, SERVICE_PATHS, STATISTICS_PATHS, STEPS, continue_

pytestmark = pytest.mark.browser

THEMES = ["default", "post_office", "high_contrast"]
LANGUAGES = ["az", "ru", "en"]
WIDTHS = (390, 1280)
RESULTS = {}  # (theme, language) -> {"pages": n, "violations": n, "aria_valid_attr_value": n}


def use_theme(django_db_blocker, name):
    with django_db_blocker.unblock():
        setting = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
        setting.theme = name
        setting.save()


def operator_cookie(django_db_blocker, live_server):
    """The session of the demo post-office operator, for the counter theme's walk."""
    with django_db_blocker.unblock():
        client = Client()
        client.force_login(get_user_model().objects.get(username="operator"))
        session = client.cookies["sessionid"].value
    return {"name": "sessionid", "value": session, "url": live_server}


class Walk:
    def __init__(self, page, axe_source, theme, language):
        self.page, self.axe_source = page, axe_source
        self.theme, self.language = theme, language
        self.audited, self.findings = [], []

    def check(self, name, screenshot=False):
        """axe on the page as it is now; screenshots of it at both widths when asked."""
        result = run_axe(self.page, self.axe_source)
        invalid_aria = [i for i in result["incomplete"] if i["id"] == "aria-valid-attr-value"]
        self.audited.append(name)
        if result["violations"] or invalid_aria:
            self.findings.append((name, self.page.url, result["violations"], invalid_aria))
        if screenshot and self.language == "az":
            folder = SCREENSHOTS / self.theme
            folder.mkdir(parents=True, exist_ok=True)
            for width in WIDTHS:
                self.page.set_viewport_size({"width": width, "height": 900})
                self.page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
            self.page.set_viewport_size({"width": 1280, "height": 900})


def close_earlier_applications(django_db_blocker):
    """Every combination applies as the same applicant: the one before closed its application,
    so this one is a first application (one open application per applicant)."""
    from casework.models import Case

    with django_db_blocker.unblock():
        Case.objects.filter(members__pin="5ZJBKQG").exclude(status__in=Case.FINAL_STATUSES).update(
            status=Case.Status.CLOSED
        )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("theme", THEMES)
def test_every_citizen_page_passes_axe(
    browser, shared_demo_site, axe_source, django_db_blocker, theme, language
):
    use_theme(django_db_blocker, theme)
    close_earlier_applications(django_db_blocker)
    context = browser.new_context(base_url=shared_demo_site, bypass_csp=True)
    if theme == "post_office":
        # The counter theme is the operator's: walk it as the post-office operator does.
        context.add_cookies([operator_cookie(django_db_blocker, shared_demo_site)])
    page = context.new_page()
    walk = Walk(page, axe_source, theme, language)
    try:
        page.goto(HOME_PATHS[language])
        assert f"theme-{theme}" in page.locator("body").get_attribute("class")
        walk.check("home", screenshot=True)
        page.goto(SERVICE_PATHS[language])
        walk.check("service", screenshot=True)
        page.click("button.button--start")
        for step in STEPS:
            page.wait_for_selector("h1")
            walk.check(f"step-{step}", screenshot=step in ("applicant", "family"))
            continue_(page)  # nothing answered: every required field says what to do
            assert page.locator(".error-summary").count() == 1, step
            assert page.evaluate("document.activeElement.className") == "error-summary"
            walk.check(f"step-{step}-errors", screenshot=step == "applicant")
            FILL[step](page)
            continue_(page)
            assert page.locator(".error-summary").count() == 0, (step, page.content()[:2000])
        walk.check("check-answers", screenshot=True)
        page.click("form .button-group button[type=submit]")
        page.wait_for_selector(".panel-confirmation")
        reference = page.locator(".reference").inner_text()
        walk.check("confirmation", screenshot=True)

        page.goto(SERVICE_PATHS[language] + "status/")
        walk.check("status", screenshot=True)
        page.click(".status-form button[type=submit]")
        walk.check("status-errors")
        page.fill("#id_reference", reference)
        page.fill("#id_pin", "5ZJBKQG")
        page.click(".status-form button[type=submit]")
        page.wait_for_selector(".status-label")
        walk.check("status-found")

        page.goto(STATISTICS_PATHS[language])
        walk.check("statistics", screenshot=True)
    finally:
        context.close()
    aria = sum(len(f[3]) for f in walk.findings)
    violations = sum(len(f[2]) for f in walk.findings)
    RESULTS[(theme, language)] = {
        "pages": len(walk.audited),
        "violations": violations,
        "aria_valid_attr_value": aria,
    }
    _write_results()
    assert walk.findings == [], describe(walk.findings)


def _write_results():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    rows = {f"{theme} × {language}": figures for (theme, language), figures in RESULTS.items()}
    (SCREENSHOTS / "axe-results.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    print("\naxe:", json.dumps(rows, ensure_ascii=False))
