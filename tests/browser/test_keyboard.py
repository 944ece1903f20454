"""The whole declaration with a keyboard only, and Enter in a family member's box, which once
removed member 1 without a word."""

import pytest

from .conftest import SCREENSHOTS
from .declaration import SERVICE_PATHS, fill_member

pytestmark = pytest.mark.browser

SERVICE = SERVICE_PATHS["en"]


@pytest.fixture
def page(browser, shared_demo_site):
    context = browser.new_context(base_url=shared_demo_site, bypass_csp=True)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    yield page
    context.close()


class Keyboard:
    """Moves focus with Tab only, as a person without a mouse does."""

    def __init__(self, page):
        self.page = page

    def focused(self, selector) -> bool:
        return self.page.evaluate("(s) => document.activeElement.matches(s)", selector)

    def tab_to(self, selector, limit=60):
        for _ in range(limit):
            if self.focused(selector):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {selector}")

    def type_into(self, selector, text):
        self.tab_to(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def date(self, name, day, month, year):
        for part, value in zip(("0", "1", "2"), (day, month, year), strict=True):
            self.type_into(f"#id_{name}_{part}", value)

    def choose_option(self, selector, value):
        """A drop-down answered with the arrow keys."""
        self.tab_to(selector)
        for _ in range(30):
            if self.page.evaluate("(s) => document.querySelector(s).value", selector) == value:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"{value} is not an option of {selector}")

    def radio(self, name, value):
        """Tab reaches a radio group once; the arrow keys choose within it."""
        self.tab_to(f'input[name="{name}"]')
        for _ in range(10):
            if self.focused(f'input[name="{name}"][value="{value}"]'):
                break
            self.page.keyboard.press("ArrowDown")
        self.page.keyboard.press("Space")
        assert self.page.is_checked(f'input[name="{name}"][value="{value}"]')

    def tick(self, selector):
        self.tab_to(selector)
        self.page.keyboard.press("Space")
        assert self.page.is_checked(selector)

    def press_button(self, selector):
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def test_the_whole_declaration_with_the_keyboard_only(page):
    keys = Keyboard(page)
    page.goto(SERVICE)
    keys.press_button("button.button--start")

    keys.type_into("#id_pin", "5ZJBKQG")
    keys.type_into("#id_id_card_number", "AA1234567")
    keys.type_into("#id_last_name", "Əliyeva")
    keys.type_into("#id_first_name", "Gülşən")
    keys.type_into("#id_patronymic", "Şükür qızı")
    keys.date("birth_date", "14", "3", "1985")
    keys.type_into("#id_registered_address", "Bakı, Nəsimi r., Səməd Vurğun küç. 12")
    keys.radio("lives_at_registered_address", "yes")
    keys.type_into("#id_email", "gulshen@example.az")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in a box continues, as a person expects

    keys.choose_option("#id_applicant_status", "working")
    keys.tab_to(".group-add")
    page.keyboard.press("Enter")  # adds a member and moves focus into it
    assert keys.focused("#id_family_members-0-pin")
    keys.type_into("#id_family_members-0-last_name", "Əliyev")
    keys.type_into("#id_family_members-0-first_name", "Rəşad")
    keys.date("family_members-0-birth_date", "1", "6", "1983")
    keys.choose_option("#id_family_members-0-relation", "spouse")
    keys.choose_option("#id_family_members-0-status", "unemployed")
    keys.press_button(".button-group button[value=continue]")

    keys.radio("has_income", "no")
    keys.press_button(".button-group button[value=continue]")
    keys.type_into("#id_dwellings_count", "1")
    keys.radio("has_vehicle", "no")
    keys.press_button(".button-group button[value=continue]")
    for name in ("electricity", "gas", "water", "communication"):
        keys.type_into(f"#id_{name}_monthly", "5")
    keys.press_button(".button-group button[value=continue]")
    keys.radio("feedback_channel", "status_page")
    keys.press_button(".button-group button[value=continue]")
    keys.tick("#id_truthful")
    keys.tick("#id_data_processing")
    keys.press_button(".button-group button[value=continue]")

    assert "Check your answers" in page.locator("h1").inner_text()
    assert "Rəşad" in page.content()
    keys.press_button("form .button-group button[type=submit]")
    assert page.locator("h1").inner_text() == "Declaration submitted"
    assert page.locator(".reference").inner_text().startswith("UDSY-")


def start_family_step(page):
    page.goto(SERVICE)
    page.click("button.button--start")
    page.fill("#id_pin", "5ZJBKQG")
    page.fill("#id_id_card_number", "AA1234567")
    page.fill("#id_last_name", "Əliyeva")
    page.fill("#id_first_name", "Gülşən")
    page.fill("#id_patronymic", "Şükür qızı")
    for part, value in zip(("0", "1", "2"), ("14", "3", "1985"), strict=True):
        page.fill(f"#id_birth_date_{part}", value)
    page.fill("#id_registered_address", "Bakı")
    page.check('input[name="lives_at_registered_address"][value="yes"]')
    page.click(".button-group button[value=continue]")
    page.wait_for_selector("#id_applicant_status")
    page.select_option("#id_applicant_status", "working")


def members(page):
    return [
        page.input_value(f"#id_family_members-{i}-first_name")
        for i in range(page.locator(".group-items > .group-item").count())
    ]


def test_enter_in_a_member_field_keeps_every_member(page):
    start_family_step(page)
    page.click(".group-add")
    fill_member(page, 0, "Rəşad")
    page.click(".group-add")
    fill_member(page, 1, "Aysel", birth=("10", "9", "2015"))
    page.fill("#id_family_members-1-last_name", "")  # a mistake, so the step comes back

    page.focus("#id_family_members-0-first_name")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert members(page) == ["Rəşad", "Aysel"]
    page.screenshot(path=_screenshot("enter-keeps-members.png"), full_page=True)

    page.fill("#id_family_members-1-last_name", "Əliyeva")
    page.focus("#id_family_members-1-first_name")
    page.keyboard.press("Enter")  # now valid: Enter continues to the next step
    page.wait_for_selector('input[name="has_income"]')
    # The page's own Back link: the browser's history of a declaration is never cached
    # (no-store, for the next citizen at a post office), so its Back button asks to resend.
    page.click("a.back-link")
    page.wait_for_selector(".group-item")
    page.reload()
    assert members(page) == ["Rəşad", "Aysel"]


def test_removing_a_member_asks_first(page):
    start_family_step(page)
    page.click(".group-add")
    fill_member(page, 0, "Rəşad")
    page.click(".group-add")
    fill_member(page, 1, "Aysel", birth=("10", "9", "2015"))

    page.click("#family_members-item-0 .group-item-remove")
    question = page.locator(".remove-confirmation")
    assert "Remove Family member 1?" in question.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('remove-confirmation')")
    question.locator(".remove-no").click()
    assert members(page) == ["Rəşad", "Aysel"]

    page.click("#family_members-item-0 .group-item-remove")
    page.click(".remove-confirmation .remove-yes")
    assert members(page) == ["Aysel"]
    assert page.input_value('input[name="family_members-TOTAL_FORMS"]') == "1"


def _screenshot(name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name
