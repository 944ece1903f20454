"""The Content-Security-Policy breaks nothing a person uses: the public pages and the declaration,
the API docs, and Wagtail's admin (page editor with rich text, the declaration form's
StreamField, the preview panel, submitting for moderation and approving). The browser reports
every violation; there must be none."""

import re

import pytest

from forms_app.models import DeclarationForm
from pages.models import StandardPage
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

# Collects what the browser refused under the policy, for the test to read.
REPORT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
    window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile})`);
});
"""


@pytest.fixture
def watched(page):
    page.context.add_init_script(REPORT_VIOLATIONS)
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.refused = refused
    return page


def assert_no_violations(page):
    seen = page.evaluate("window.cspViolations || []")
    assert not seen and not page.refused, (page.url, seen, page.refused)


def log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_the_public_site_the_declaration_and_the_api_docs(watched):
    page = watched
    page.goto("/en/e-services/targeted-social-assistance/")
    page.click("text=Start now")
    page.wait_for_selector("input[name=pin]")
    # The page's script shows the actual address when "No" is chosen.
    page.check("input[name=lives_at_registered_address][value=no]")
    page.wait_for_selector("textarea[name=actual_address]", state="visible")
    assert_no_violations(page)
    page.goto("/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info")
    page.wait_for_selector("text=Submit a declaration")
    assert_no_violations(page)


def test_the_editor_streamfield_preview_and_moderation(watched, browser, live_server):
    page = watched
    log_in(page, "editor")
    assert_no_violations(page)
    # A page with rich text (Draftail).
    standard_page = StandardPage.objects.filter(locale__language_code="az").first()
    page.goto(f"/admin/pages/{standard_page.pk}/edit/")
    page.wait_for_selector(".Draftail-Editor")
    assert_no_violations(page)
    # The declaration form: its StreamField of steps and fields, and the preview panel.
    form_url = f"/admin/snippets/forms_app/declarationform/edit/{DeclarationForm.objects.get().pk}/"
    page.goto(form_url)
    page.wait_for_selector("[data-streamfield-stream-container], .c-sf-container")
    page.click("button[data-side-panel-toggle='preview']")  # whatever the admin's language
    preview = page.frame_locator("iframe#w-preview-iframe")
    preview.locator("text=Ailə üzvləri").first.wait_for()
    assert_no_violations(page)
    # Submit it for moderation; the moderator approves it.
    page.click("[data-w-dropdown-target='toggle'] >> nth=-1")
    page.click("button[name=action-submit]")
    page.wait_for_selector(".messages .success")
    assert_no_violations(page)

    moderator = browser.new_context(base_url=live_server.url).new_page()
    moderator.context.add_init_script(REPORT_VIOLATIONS)
    moderator.refused = []
    log_in(moderator, "moderator")
    moderator.goto(form_url)
    moderator.click("[data-w-dropdown-target='toggle'] >> nth=-1")
    moderator.click("button[data-workflow-action-name='approve']")  # in any language
    moderator.wait_for_selector(".messages .success")
    assert_no_violations(moderator)
