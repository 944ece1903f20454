"""A citizen submits the declaration and gets a reference number and a PDF receipt."""

import io
import re

import pypdf
import pytest

from casework.models import AuditEvent, Case
from forms_app import actions
from forms_app.models import Submission

pytestmark = pytest.mark.django_db

URL = "/en/e-services/targeted-social-assistance/"
AZ_URL = "/e-xidmetler/unvanli-dovlet-sosial-yardimi/"
REFERENCE = re.compile(r"^UDSY-\d{4}-\d{6}$")


def submit(client, data, url=URL, key="key-1", **extra):
    return client.post(url, {**data, "idempotency_key": key}, **extra)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_a_valid_declaration_gives_a_reference_and_opens_a_case(
    client, declaration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, declaration)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert REFERENCE.match(submission.reference)
    assert submission.channel == "online" and submission.language == "en"
    assert submission.answers["pin"] == "5ZJBKQG"
    assert submission.answers["mobile"] == "+994501234567"

    case = Case.objects.get(submission=submission)
    assert case.reference == submission.reference
    # The q2 task (run inline in tests) took the case through to its placeholder decision.
    assert case.status == Case.Status.DECIDED
    assert case.decision.outcome == "provisional"
    assert [e.action for e in AuditEvent.objects.filter(case=case)] == [
        "case_opened",
        "status_changed",
        "status_changed",
    ]

    confirmation = client.get(response["Location"])
    assert submission.reference in confirmation.content.decode()


def test_references_are_sequential_per_service_and_year(client, declaration):
    for i in range(3):
        submit(client, declaration, key=f"k{i}")
    numbers = sorted(int(r[-6:]) for r in Submission.objects.values_list("reference", flat=True))
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


def test_a_double_click_submits_once(client, declaration):
    first = submit(client, declaration, key="same")
    second = submit(client, declaration, key="same")
    assert Submission.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_receipt_is_a_pdf_with_azerbaijani_letters_intact(client, declaration):
    response = submit(client, declaration, url=AZ_URL)
    submission = Submission.objects.get()
    confirmation = client.get(response["Location"]).content.decode()
    receipt_url = re.search(r'href="([^"]+/receipt/[^"]+)"', confirmation).group(1)

    receipt = client.get(receipt_url)
    assert receipt["Content-Type"] == "application/pdf"
    text = pdf_text(receipt.content)
    assert submission.reference in text
    assert "Əliyeva" in text and "Gülşən" in text and "Şükür qızı" in text
    assert submission.digest in text


def test_the_receipts_qr_code_leads_to_a_page_that_confirms_it(client, declaration, service_page):
    submit(client, declaration, url=AZ_URL)
    submission = Submission.objects.get()
    verify = service_page.url + service_page.reverse_subpage(
        "verify", args=[submission.reference, submission.digest]
    )
    response = client.get(verify)
    assert response.status_code == 200
    assert submission.reference in response.content.decode()
    assert "Əliyeva" not in response.content.decode()  # no personal data on a public page
    forged = verify.replace(submission.digest, "0" * 64)
    assert client.get(forged).status_code == 404


def test_an_unknown_receipt_is_not_found(client):
    response = client.get(URL + "receipt/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_invalid_answers_are_explained_next_to_each_field(client, declaration):
    response = submit(client, {**declaration, "pin": "12345IO", "birth_date": "2015-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_pin"' in html and 'href="#id_birth_date"' in html
    assert "at least 18 years old" in html
    assert Submission.objects.count() == 0


def test_errors_are_in_the_applicants_language(client, declaration):
    response = submit(client, {**declaration, "birth_date": "2015-01-01"}, url=AZ_URL)
    assert "ən azı 18 yaşında" in response.content.decode()


def test_a_declaration_needs_a_way_to_tell_the_decision(client, declaration):
    response = submit(client, {**declaration, "mobile": "", "email": ""})
    assert response.status_code == 200
    assert "mobile number or an email" in response.content.decode()
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    "junk",
    [
        {"pin": "ə" * 100000},
        {"birth_date": "31/02/2020"},
        {"birth_date": "9999-99-99"},
        {"email": "not-an-email", "mobile": "call me"},
        {"unknown_field": "x", "pin": ["A", "B"]},
        {"idempotency_key": "k" * 10000},
    ],
)
def test_malformed_input_never_gives_a_server_error(client, declaration, junk):
    response = client.post(URL, {**declaration, **junk})
    assert response.status_code in (200, 302)


def test_a_failing_submission_action_leaves_nothing_half_written(client, declaration, monkeypatch):
    def fail(submission):
        raise RuntimeError("simulated failure in an action")

    monkeypatch.setitem(actions._actions, "fail", actions.SubmissionAction("fail", "Fail", fail))
    response = submit(client, declaration)
    assert response.status_code == 200
    assert "could not be saved and nothing was recorded" in response.content.decode()
    assert Submission.objects.count() == 0
    assert Case.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_closed_service_says_so_and_accepts_nothing(client, declaration, service_page):
    en_page = service_page.get_translation(
        service_page.locale.__class__.objects.get(language_code="en")
    )
    en_page.accepting_applications = False
    en_page.save()
    response = submit(client, declaration)
    assert response.status_code == 200
    assert "not accepting applications" in response.content.decode()
    assert Submission.objects.count() == 0
