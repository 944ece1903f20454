import pypdf
import pytest

from casework.models import Case
from forms_app.models import Submission

pytestmark = pytest.mark.browser


def test_a_citizen_applies_on_a_phone_and_downloads_the_receipt(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    page.get_by_role("link", name="Ünvanlı dövlət sosial yardımı").first.click()
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "Targeted state social assistance"

    page.get_by_label("FİN (personal identification number)").fill("5zjbkqg")
    page.get_by_label("Surname").fill("Əliyeva")
    page.get_by_label("Name", exact=True).fill("Gülşən")
    page.get_by_label("Date of birth").fill("1985-03-14")
    page.get_by_label("Mobile number").fill("050 123 45 67")
    page.get_by_role("button", name="Submit the declaration").click()

    assert page.locator("h1").inner_text() == "Declaration submitted"
    reference = page.locator(".reference").inner_text()
    assert Submission.objects.get().reference == reference
    assert Case.objects.get().reference == reference

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the receipt (PDF)").click()
    pdf = pypdf.PdfReader(download_info.value.path())
    assert "Əliyeva" in pdf.pages[0].extract_text()


def test_mistakes_are_listed_and_linked_to_their_fields(page):
    page.goto("/en/e-services/targeted-social-assistance/")
    page.get_by_label("FİN (personal identification number)").fill("IIIIIII")
    page.get_by_role("button", name="Submit the declaration").click()

    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    summary.get_by_role("link", name="Enter the 7-character FİN").click()
    assert page.evaluate("document.activeElement.id") == "id_pin"
    assert Submission.objects.count() == 0
