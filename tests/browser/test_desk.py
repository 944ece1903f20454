"""The caseworker's desk in a browser: a flagged case claimed, its disagreement seen on both
sides, settled with a reason; a reversal of the rules approved by a supervisor; the applicant's
status page then shows the decision."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from casework import tasks
from casework.models import Case
from registry_mocks.scenarios import by_name
from tests.browser.conftest import SCREENSHOTS
from tests.casework.conftest import registries, submit_scenario  # noqa: F401  (fixtures)
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser
User = get_user_model()


def log_in(browser, base_url, username):
    """A person of the ministry in their own browser, the admin in English."""
    profile = UserProfile.get_for_user(User.objects.get(username=username))
    profile.preferred_language = "en"
    profile.save()
    page = browser.new_context(base_url=base_url).new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def test_a_caseworker_settles_a_flagged_case_and_a_supervisor_approves_the_reversal(
    browser,
    live_server,
    live_demo_site,
    registries,  # noqa: F811
    submit_scenario,  # noqa: F811
):
    case = submit_scenario("member_unknown")
    tasks.process_case(case.pk)
    case.refresh_from_db()
    assert case.status == Case.Status.FLAGGED

    caseworker = log_in(browser, live_server.url, "caseworker")
    caseworker.goto("/admin/cases/")
    caseworker.get_by_role("link", name=case.reference).click()
    # The disagreement on both sides: what was declared, and what the civil registry says.
    side_by_side = caseworker.locator("table.side-by-side--disagrees")
    assert "A member unknown to the civil registry" in side_by_side.inner_text()
    assert "civil: not in the civil registry" in side_by_side.inner_text()
    assert "Granted" in caseworker.locator("#rules").locator("..").inner_text()
    caseworker.get_by_role("button", name="Claim the case").click()
    caseworker.get_by_text("The case is yours now.").wait_for()

    # The home visit found a car the road police don't know of: refusing reverses the rules.
    caseworker.get_by_label("vehicles owned or used (not the state's rehabilitation ones)").fill(
        "1"
    )
    reason = "A car seen at the home visit, used by the family."
    caseworker.get_by_label("Reason", exact=True).fill(reason)
    caseworker.get_by_role("button", name="Decide with the rules on these facts").click()
    caseworker.get_by_text("Awaiting a supervisor's approval").first.wait_for()
    resolve = caseworker.locator("#resolve").locator("..")
    assert "Awaiting a supervisor's approval" in resolve.inner_text()
    assert "On the settled facts: Refused" in resolve.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    caseworker.screenshot(path=SCREENSHOTS / "desk-proposed.png", full_page=True)
    assert Case.objects.get(pk=case.pk).status == Case.Status.FLAGGED

    supervisor = log_in(browser, live_server.url, "supervisor")
    supervisor.goto(f"/admin/casework/case/{case.pk}/")
    supervisor.get_by_label("Your note").fill("Checked the visit report.")
    supervisor.get_by_role("button", name="Approve").click()
    supervisor.locator(".case-timeline").get_by_text("Resolution proposed").wait_for()
    # Decided, the letter issued and the applicant told: the case is closed.
    assert "Closed" in supervisor.locator("header").inner_text()
    timeline = supervisor.locator(".case-timeline").inner_text()
    assert "Resolution proposed" in timeline and "Waiting for a caseworker → Decided" in timeline
    supervisor.screenshot(path=SCREENSHOTS / "desk-approved.png", full_page=True)

    # The applicant looks the case up on the public status page.
    citizen = browser.new_context(base_url=live_server.url).new_page()
    citizen.goto("/en/e-services/targeted-social-assistance/status/")
    citizen.fill("#id_reference", case.reference)
    citizen.fill("#id_pin", by_name("member_unknown").pins[0])
    citizen.click(".status-form button[type=submit]")
    status = citizen.locator(".status-label").locator("..").inner_text()
    assert "Decided: Refused" in status
    citizen.screenshot(path=SCREENSHOTS / "desk-citizen-status.png", full_page=True)
