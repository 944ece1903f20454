import pypdf
import pytest

from casework.models import Case
from forms_app.models import Submission

pytestmark = pytest.mark.browser

SERVICE = "/en/e-services/targeted-social-assistance/"


def test_a_citizen_applies_on_a_phone_and_downloads_the_receipt(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    page.get_by_role("link", name="Ünvanlı dövlət sosial yardımı").first.click()
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "Targeted state social assistance"
    page.get_by_role("button", name="Start now").click()

    # Applicant: the actual address appears only when it differs from the registered one.
    page.get_by_label("FİN (personal identification number)").fill("5zjbkqg")
    page.get_by_label("ID-card number").fill("AA1234567")
    page.get_by_label("Surname").fill("Əliyeva")
    page.get_by_label("Name", exact=True).fill("Gülşən")
    page.get_by_label("Patronymic").fill("Şükür qızı")
    birth = page.get_by_role("group", name="Date of birth")
    birth.get_by_label("Day").fill("14")
    birth.get_by_label("Month").fill("3")
    birth.get_by_label("Year").fill("1985")
    page.get_by_label("Registered address").fill("Bakı, Nəsimi r., Səməd Vurğun küç. 12")
    actual = page.get_by_label("Where you actually live")
    assert not actual.is_visible()
    page.get_by_role("radio", name="No").check()
    assert actual.is_visible()
    page.get_by_role("radio", name="Yes").check()
    assert not actual.is_visible()
    page.get_by_role("button", name="Continue").click()

    # Family: members are added and removed in the page.
    page.get_by_label("Your status").select_option("working")
    add = page.locator(".group-add")
    add.click()
    add.click()
    assert page.locator(".group-item").count() == 2
    page.locator(".group-item").nth(1).get_by_role("button", name="Remove").click()
    page.get_by_role("button", name="Yes, remove").click()
    member = page.locator(".group-item").first
    member.get_by_label("Surname").fill("Əliyev")
    member.get_by_label("Name", exact=True).fill("Rəşad")
    member_birth = member.get_by_role("group", name="Date of birth")
    member_birth.get_by_label("Day").fill("1")
    member_birth.get_by_label("Month").fill("6")
    member_birth.get_by_label("Year").fill("1983")
    member.get_by_label("Relation to you").select_option("spouse")
    member.get_by_label("Status").select_option("unemployed")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("radio", name="No").check()  # no income
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Number of dwellings").fill("1")
    page.get_by_role("radio", name="No").check()  # no vehicle
    page.get_by_role("button", name="Continue").click()
    for label in ("Electricity", "Gas", "Water", "Phone and internet"):
        page.get_by_label(label).fill("5")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("radio", name="Status page only").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I confirm the information is true").check()
    page.get_by_label("I agree to my data being checked").check()
    page.get_by_role("button", name="Continue").click()

    assert "Check your answers" in page.locator("h1").inner_text()
    assert "Rəşad" in page.content()
    page.get_by_role("button", name="Submit the declaration").click()

    assert page.locator("h1").inner_text() == "Declaration submitted"
    reference = page.locator(".reference").inner_text()
    submission = Submission.objects.get()
    assert submission.reference == reference
    assert [m["first_name"] for m in submission.answers["family_members"]] == ["Rəşad"]
    assert Case.objects.get().reference == reference

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the receipt (PDF)").click()
    pdf = pypdf.PdfReader(download_info.value.path())
    assert "Əliyeva" in pdf.pages[0].extract_text()


def test_mistakes_are_listed_and_linked_to_their_fields(page):
    page.goto(SERVICE)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("FİN (personal identification number)").fill("IIIIIII")
    page.get_by_role("button", name="Continue").click()

    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    summary.get_by_role("link", name="Enter the 7-character FİN").click()
    assert page.evaluate("document.activeElement.id") == "id_pin"
    assert Submission.objects.count() == 0
