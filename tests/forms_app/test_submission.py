"""Submitting: atomic, idempotent, numbered, and receipted."""

import copy
import hashlib
import io
import re
from urllib.parse import urlsplit

import pypdfium2
import pytest
import zxingcpp

from casework.models import AuditEvent, Case
from forms_app import actions, services
from forms_app.models import Submission
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db


def submit(service_page, answers=None, **kwargs):
    kwargs.setdefault("channel", "online")
    return services.submit_declaration(
        service_page, service_page.current_form_version(), answers or d.ANSWERS, **kwargs
    )


def test_a_submission_opens_a_case_with_an_audited_first_event(service_page):
    submission = submit(service_page)
    case = Case.objects.get(submission=submission)
    assert case.reference == submission.reference
    assert AuditEvent.objects.filter(case=case, action="case_opened").exists()


def test_references_are_sequential_per_service_and_year(service_page):
    references = [
        submit(service_page, d.another_applicant(), idempotency_key=f"k{i}").reference
        for i in range(3)
    ]
    numbers = [int(r[-6:]) for r in references]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    assert all(re.fullmatch(r"UDSY-\d{4}-\d{6}", r) for r in references)


def test_the_same_idempotency_key_gives_the_same_submission(service_page):
    first = submit(service_page, idempotency_key="same")
    second = submit(service_page, idempotency_key="same")
    assert first.pk == second.pk and Submission.objects.count() == 1


def test_a_retry_gets_its_first_submission_even_once_it_would_be_refused(service_page):
    """A retry is first looked up under the guards' lock; one that would be refused now still
    gets the submission its key made (nothing new is written)."""
    first = submit(service_page, idempotency_key="retried")
    # The form changed since: the same answers no longer pass.
    answers = {**d.ANSWERS, "birth_date": "not a date"}
    assert submit(service_page, answers, idempotency_key="retried").pk == first.pk
    service_page.accepting_applications = False
    service_page.save()
    assert submit(service_page, idempotency_key="retried").pk == first.pk
    with pytest.raises(services.ServiceClosed):
        submit(service_page, d.another_applicant(), idempotency_key="new")
    assert Submission.objects.count() == 1


def test_invalid_answers_are_refused_with_errors_by_path(service_page):
    answers = copy.deepcopy(d.ANSWERS)
    answers["family_members"][1]["pin"] = "IIIIIII"
    answers["dwellings_count"] = "three"
    answers["nickname"] = "x"
    with pytest.raises(services.InvalidAnswers) as raised:
        submit(service_page, answers)
    assert set(raised.value.errors) == {"dwellings_count", "nickname"}  # types are checked first
    del answers["nickname"]
    answers["dwellings_count"] = 3
    with pytest.raises(services.InvalidAnswers) as raised:
        submit(service_page, answers)
    assert list(raised.value.errors) == ["family_members[1].pin"]
    assert Submission.objects.count() == 0


def test_hidden_answers_are_dropped_and_channel_fields_required(service_page):
    answers = {**d.ANSWERS, "actual_address": "Somewhere else"}  # lives at registered address
    assert "actual_address" not in submit(service_page, answers).answers
    at_post_office = d.another_applicant()
    with pytest.raises(services.InvalidAnswers) as raised:
        submit(service_page, at_post_office, channel="post_office")
    assert "citizen_consent" in raised.value.errors
    assisted = submit(
        service_page, {**at_post_office, "citizen_consent": True}, channel="post_office"
    )
    assert assisted.answers["citizen_consent"] is True


def test_a_failing_submission_action_leaves_nothing_half_written(service_page, monkeypatch):
    def fail(submission):
        raise RuntimeError("simulated failure in an action")

    monkeypatch.setitem(
        actions._actions, "open_case", actions.SubmissionAction("open_case", "Fail", fail)
    )
    with pytest.raises(services.SubmissionFailed):
        submit(service_page)
    assert (Submission.objects.count(), Case.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        0,
    )


def test_a_closed_service_accepts_nothing(client, service_page):
    service_page.accepting_applications = False
    service_page.save()
    with pytest.raises(services.ServiceClosed):
        submit(service_page)
    response = client.get("/e-xidmetler/unvanli-dovlet-sosial-yardimi/")
    assert "hazırda müraciət qəbul etmir" in response.content.decode()
    assert client.post("/e-xidmetler/unvanli-dovlet-sosial-yardimi/start/").status_code == 200


def scanned_qr_codes(pdf: bytes) -> list[str]:
    """What a phone reads from the QR codes of a PDF: each page drawn as an image, then
    decoded."""
    texts = []
    for page in pypdfium2.PdfDocument(pdf):
        image = page.render(scale=4).to_pil()
        texts += [
            code.text
            for code in zxingcpp.read_barcodes(image)
            if code.format == zxingcpp.BarcodeFormat.QRCode
        ]
    return texts


def test_the_receipts_qr_code_leads_to_a_page_that_confirms_it(client, service_page, settings):
    from forms_app.models import IssuedDocument

    submission = submit(service_page)
    receipt = service_page.url + service_page.reverse_subpage(
        "receipt", args=[submission.public_id]
    )
    response = client.get(receipt, {"t": services.receipt_token(submission)})
    assert "no-store" in response["Cache-Control"]
    pdf = response.content
    document = IssuedDocument.objects.get(submission=submission, kind="receipt")
    [scanned] = scanned_qr_codes(pdf)
    assert scanned == f"{settings.SITE_URL}/verify/{document.code}/"

    page = client.get(urlsplit(scanned).path)
    assert page.status_code == 200
    text = page.content.decode()
    assert submission.reference in text and document.sha256 in text
    assert "Əliyeva" not in text  # no personal data on a public page
    assert client.get("/verify/ABCDEFGHJK/").status_code == 404


def test_the_receipt_reads_as_written(service_page):
    """Its text is copied and searched as written, in both faces: the reference, digest and code
    (bold), the questions and answers (the regular face), with every Azerbaijani letter."""
    from pypdf import PdfReader

    from forms_app.documents.receipts import render_receipt

    submission = submit(service_page)
    pdf = render_receipt(submission, "ABCDEFGHJK", "https://example.az/verify/ABCDEFGHJK/")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for written in (submission.reference, submission.digest, "ABCDEFGHJK", "Əliyeva", "Gülşən"):
        assert written in text
    assert "Qəbz" in text or "qəbz" in text  # the title, in the applicant's language


def test_a_receipt_is_issued_once_and_served_from_storage(client, service_page):
    from forms_app.models import IssuedDocument

    submission = submit(service_page)
    receipt = service_page.url + service_page.reverse_subpage(
        "receipt", args=[submission.public_id]
    )
    token = {"t": services.receipt_token(submission)}
    first = client.get(receipt, token).content
    again = client.get(receipt, token).content
    document = IssuedDocument.objects.get(submission=submission, kind="receipt")
    assert first == again  # the stored file, not a new rendering
    assert hashlib.sha256(first).hexdigest() == document.sha256


def test_verify_counts_codes_that_match_nothing(client, settings):
    settings.FORMS_APP = {**settings.FORMS_APP, "VERIFY_FAILURES_PER_ADDRESS": 2}
    for _ in range(2):
        assert client.get("/verify/ABCDEFGHJK/").status_code == 404
    limited = client.get("/verify/ABCDEFGHJK/")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0


def test_errors_are_in_the_applicants_language(client):
    d.start(client, url="/e-xidmetler/unvanli-dovlet-sosial-yardimi/")
    response = d.post_step(
        client,
        "applicant",
        {**d.APPLICANT, "birth_date": "2090-01-01"},
        url="/e-xidmetler/unvanli-dovlet-sosial-yardimi/",
    )
    assert "gələcəkdə ola bilməz" in response.content.decode()


def test_email_a_copy_sends_the_labelled_answers_through_the_queue(
    service_page, django_capture_on_commit_callbacks
):
    from django.core import mail

    form = service_page.declaration_form
    form.actions = [*form.actions, "email_copy"]
    form.copy_to_emails = "qeydiyyat@example.az, arxiv@example.az"
    form.save()
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(service_page)
    message = next(m for m in mail.outbox if submission.reference in m.subject)
    assert message.to == ["qeydiyyat@example.az", "arxiv@example.az"]
    assert message.subject == f"{submission.reference}: Ünvanlı dövlət sosial yardımı"
    # Each answer on a line, labelled as in the applicant's language (Azerbaijani here), groups
    # item by item, choices and yes/no in words, amounts with their currency.
    lines = message.body.splitlines()
    assert lines[:3] == [
        "FİN: 5ZJBKQG",
        "Şəxsiyyət vəsiqəsinin nömrəsi: AA1234567",
        "Soyad: Əliyeva",
    ]
    assert "Qeydiyyat ünvanında yaşayırsınız?: Bəli" in lines
    assert "Ailə üzvü 2: Ad: Aysel" in lines
    assert "Ailə üzvü 1: Sizə qohumluğu: Həyat yoldaşı" in lines
    assert "Gəlir 1: 12 ay üzrə məbləğ (AZN): 3600.00 AZN" in lines
    assert "Doğum tarixi: 14.03.1985" in lines
