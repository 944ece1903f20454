"""A post-office operator applies on a citizen's behalf; anyone checks a status by reference."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from casework.models import AuditEvent
from forms_app.models import Draft, Submission
from forms_app.services import submit_declaration
from tests.conftest import DEMO_PASSWORD
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client):
    client.login(username="operator", password=DEMO_PASSWORD)
    return client


def test_an_operator_submits_for_a_citizen_with_their_consent(operator):
    html = operator.get(d.SERVICE_URL).content.decode()
    assert "Apply on a citizen&#x27;s behalf" in html or "Apply on a citizen's behalf" in html
    d.fill_in(operator, steps=d.STEPS[:-1])
    draft = Draft.objects.get()
    assert draft.channel == "post_office" and draft.branch.startswith("AZ1000")

    step = operator.get(d.SERVICE_URL + "step/declaration/").content.decode()
    assert "citizen_consent" in step and "Assisted application" in step
    refused = d.post_step(operator, "declaration", d.DECLARATION)
    assert refused.status_code == 200  # the citizen's consent is required in this channel
    accepted = d.post_step(operator, "declaration", {**d.DECLARATION, "citizen_consent": "on"})
    assert accepted.status_code == 302

    confirmation = operator.get(d.submit(operator)["Location"])
    submission = Submission.objects.get()
    assert submission.channel == "post_office"
    assert submission.operator.username == "operator"
    assert submission.branch == draft.branch
    assert submission.answers["citizen_consent"] is True
    html = confirmation.content.decode()
    assert "Download the receipt to print" in html
    receipt_url = re.search(r'href="([^"]+/receipt/[^"]+)"', html).group(1)
    assert operator.get(receipt_url)["Content-Type"] == "application/pdf"
    printed = AuditEvent.objects.get(action="personal_data.downloaded")
    assert printed.actor.username == "operator" and printed.case == submission.case

    # The next citizen: the operator can no longer open the previous submission.
    d.start(operator)
    assert operator.get(receipt_url).status_code == 404
    assert operator.get(confirmation.request["PATH_INFO"]).status_code == 404


def test_an_operator_without_a_branch_is_told_what_to_do(operator):
    from forms_app.models import OperatorProfile

    OperatorProfile.objects.all().delete()
    response = operator.post(d.SERVICE_URL + "start/", follow=True)
    assert "post-office branch" in response.content.decode()
    assert Draft.objects.count() == 0


def test_citizens_are_never_asked_for_the_operators_consent(client):
    d.fill_in(client, steps=d.STEPS[:-1])
    assert "citizen_consent" not in client.get(d.SERVICE_URL + "step/declaration/").content.decode()


def submitted(service_page, answers=None):
    return submit_declaration(
        service_page, service_page.current_form_version(), answers or d.ANSWERS, channel="online"
    )


def test_the_status_page_shows_a_case_to_whoever_has_the_reference_and_fin(
    client, service_page, django_capture_on_commit_callbacks
):
    submission = submitted(service_page)
    status = {"reference": submission.reference.lower(), "pin": "5zjbkqg"}
    html = client.post(d.SERVICE_URL + "status/", status).content.decode()
    assert submission.reference in html and "Being processed" in html

    with django_capture_on_commit_callbacks(execute=True):
        # Another family's case, and the first one's still queued, are processed.
        submitted(service_page, d.another_applicant())
    from casework.tasks import process_case

    process_case(submission.case.pk)
    html = client.post(d.SERVICE_URL + "status/", status).content.decode()
    # No registry confirms its made-up FİNs, so the case waits for a caseworker.
    assert "Being checked" in html


def test_the_status_page_does_not_tell_which_half_was_wrong(client, service_page):
    submission = submitted(service_page)
    wrong_pin = client.post(
        d.SERVICE_URL + "status/", {"reference": submission.reference, "pin": "1234567"}
    )
    unknown = client.post(
        d.SERVICE_URL + "status/", {"reference": "UDSY-2026-999999", "pin": "5ZJBKQG"}
    )
    message = "No application matches this reference number and FİN."
    assert message in wrong_pin.content.decode() and message in unknown.content.decode()


def look_up(client, reference, pin="5ZJBKQG", **extra):
    return client.post(d.SERVICE_URL + "status/", {"reference": reference, "pin": pin}, **extra)


def test_failed_status_look_ups_are_limited_per_address_with_retry_after(
    client, service_page, settings
):
    settings.FORMS_APP = {**settings.FORMS_APP, "STATUS_FAILURES_PER_ADDRESS": 3}
    submission = submitted(service_page)
    codes = [look_up(client, f"X-{i}").status_code for i in range(3)]
    refused = look_up(client, "X-3")
    assert codes == [200, 200, 200] and refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= settings.FORMS_APP["STATUS_WINDOW"]
    assert "Too many look-ups matched nothing" in refused.content.decode()
    # Even the right pair waits: the address is locked out for the rest of the window.
    assert look_up(client, submission.reference).status_code == 429


def test_successful_status_look_ups_are_never_counted(client, service_page, settings):
    settings.FORMS_APP = {**settings.FORMS_APP, "STATUS_FAILURES_PER_ADDRESS": 2}
    submission = submitted(service_page)
    for _ in range(10):
        response = look_up(client, submission.reference)
        assert response.status_code == 200 and "status-label" in response.content.decode()


def test_failed_look_ups_of_one_reference_are_limited_from_any_address(
    client, service_page, settings
):
    settings.FORMS_APP = {**settings.FORMS_APP, "STATUS_FAILURES_PER_REFERENCE": 2}
    submission = submitted(service_page)
    for address in ("192.0.2.1", "192.0.2.2"):
        assert (
            look_up(client, submission.reference, "1234567", REMOTE_ADDR=address).status_code == 200
        )
    guess = look_up(client, submission.reference, "7654321", REMOTE_ADDR="192.0.2.3")
    assert guess.status_code == 429 and guess["Retry-After"]


def test_a_post_office_is_never_locked_out_by_its_own_queue(client, service_page, settings):
    """Citizens at one counter share one address: their mistakes never lock the counter out."""
    settings.FORMS_APP = {
        **settings.FORMS_APP,
        "STATUS_FAILURES_PER_ADDRESS": 2,
        "STATUS_TRUSTED_NETWORKS": ["198.51.100.0/24"],
    }
    submission = submitted(service_page)
    counter = {"REMOTE_ADDR": "198.51.100.17"}
    for i in range(6):
        assert look_up(client, f"UDSY-2026-99999{i}", **counter).status_code == 200
    assert look_up(client, submission.reference, **counter).status_code == 200

    operator = Client()
    operator.force_login(User.objects.get(username="operator"))
    for i in range(6):
        assert look_up(operator, f"UDSY-2026-88888{i}").status_code == 200


def test_the_status_page_survives_junk(client):
    for data in ({}, {"reference": "x" * 5000, "pin": "ə" * 5000}, {"reference": ["a", "b"]}):
        assert client.post(d.SERVICE_URL + "status/", data).status_code in (200, 429)


def test_a_file_answer_is_stored_and_follows_the_submission(service_page):
    import copy

    from django.core.files.uploadedfile import SimpleUploadedFile

    from forms_app import services
    from forms_app.models import DeclarationForm, UploadedDocument

    form = DeclarationForm.objects.get()
    schema = copy.deepcopy(form.schema.get_prep_value())
    schema[-1]["value"]["fields"].append(
        {
            "type": "file",
            "value": {
                "name": "income_certificate",
                "label": {"az": "Arayış", "en": "Certificate"},
                "required": True,
                "extensions": "pdf",
                "max_size_mb": 1,
            },
        }
    )
    form.schema = schema
    form.save_revision().publish()
    version = service_page.current_form_version()
    assert version.number == 2

    draft, _token = services.start_draft(service_page, version, channel="online", language="en")
    upload = SimpleUploadedFile("arayis.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    services.save_step(draft, "declaration", {**d.ANSWERS, "income_certificate": upload})
    draft.refresh_from_db()
    stored = draft.answers["income_certificate"]
    assert stored["name"] == "arayis.pdf" and stored["size"] == 13

    submission = services.submit_draft(draft)
    document = UploadedDocument.objects.get()
    assert document.submission == submission
    assert submission.answers["income_certificate"]["id"] == str(document.public_id)


def test_forwarded_addresses_count_only_behind_the_proxy(rf, settings):
    from forms_app.ratelimit import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert client_ip(request) == "10.0.0.5"  # a client can write any header it likes
    settings.FORMS_APP = {**settings.FORMS_APP, "BEHIND_PROXY": True}
    assert client_ip(request) == "5.6.7.8"  # the address the proxy appended
