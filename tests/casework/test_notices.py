"""Telling the applicant: exactly one notice per case, kind and channel, over the channel they
chose, in their language; retried with backoff; a failure shown to Supervisors."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from casework import notices, pipeline, tasks
from casework.models import Case, Notice
from forms_app import sms
from registry_mocks import faults, sms_gateway
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox():
    mail.outbox.clear()
    sms.outbox.clear()
    return mail.outbox


def submit_with_channel(submit_scenario, name, channel, **contact):
    from casework.models import Case as CaseModel

    case = submit_scenario(name)
    answers = {**case.submission.answers, "feedback_channel": channel, **contact}
    case.submission.answers = answers
    case.submission.save(update_fields=["answers"])
    return CaseModel.objects.get(pk=case.pk)


def test_an_sms_decision_is_sent_once_in_the_applicants_language(
    registries, submit_scenario, mailbox
):
    case = submit_scenario("eligible")  # the scenario's applicant chose SMS
    tasks.process_case(case.pk)
    tasks.process_case(case.pk)  # delivered twice: told once
    notice = Notice.objects.get(case=case)
    assert (notice.kind, notice.channel, notice.status) == ("decision", "sms", "delivered")
    [(number, text)] = sms.outbox
    assert number == case.submission.answers["feedback_mobile"]
    assert text.startswith(f"{case.reference}: ünvanlı sosial yardım təyin edildi, ayda 750,00 AZN")
    assert sms_gateway.segments(text) <= 2
    assert mailbox == []


def test_every_sms_text_fits_two_segments():
    """Azerbaijani and Russian letters need UCS-2: 70 characters, or 67 a part."""
    long_reference = "UDSY-2026-999999"
    for kind, texts in notices.SMS_TEXTS.items():
        for language, text in texts.items():
            filled = text.format(
                ref=long_reference,
                amount="1 234,56 AZN",
                start="01.11.2026",
                end="31.10.2027",
                site="e-muraciet.gov.az",
                due="31 dekabr 2026",
            )
            assert sms_gateway.segments(filled) <= 2, (kind, language, len(filled))
    assert sms_gateway.segments("a" * 160) == 1 and sms_gateway.segments("ə" * 71) == 2


def test_an_email_decision_carries_the_letter(registries, submit_scenario, mailbox):
    case = submit_with_channel(
        submit_scenario, "vehicle_owner", "email", feedback_email="ailə@example.az"
    )
    case.submission.language = "ru"
    case.submission.save(update_fields=["language"])
    tasks.process_case(case.pk)
    [message] = mailbox
    assert message.to == ["ailə@example.az"]
    assert message.subject == f"{case.reference}: решение по адресной социальной помощи"
    assert "отказано" in message.body and "10-RT-482" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"{case.reference}-letter.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    html = message.alternatives[0][0]
    assert "отказано" in html
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED


def test_the_status_page_channel_sends_nothing(registries, submit_scenario, mailbox):
    case = submit_with_channel(submit_scenario, "eligible", "status_page")
    tasks.process_case(case.pk)
    notice = Notice.objects.get(case=case)
    assert (notice.channel, notice.status) == ("status_page", "delivered")
    assert mailbox == [] and sms.outbox == []


def test_a_flagged_case_tells_the_applicant_it_takes_longer(registries, submit_scenario, mailbox):
    case = submit_scenario("member_died")
    tasks.process_case(case.pk)
    notice = Notice.objects.get(case=case)
    assert (notice.kind, notice.status) == ("delayed", "delivered")
    [(_number, text)] = sms.outbox
    assert "mütəxəssis" in text and case.reference in text


class FlakyGateway:
    calls = 0

    def send(self, number, text, reference=None):
        FlakyGateway.calls += 1
        if FlakyGateway.calls < 3:
            raise sms.SmsError("gateway answered 503", transient=True)
        return sms.SmsSent("gw-1", "sent")

    def status(self, gateway_id):
        return "delivered"


class RefusingGateway(FlakyGateway):
    def send(self, number, text, reference=None):
        raise sms.SmsError("gateway refused: not a mobile number", transient=False)


def test_a_transient_failure_is_retried_with_backoff(registries, submit_scenario, settings):
    settings.SMS_BACKEND = "tests.casework.test_notices.FlakyGateway"
    FlakyGateway.calls = 0
    case = submit_scenario("eligible")
    tasks.process_case(case.pk)
    notice = Notice.objects.get(case=case)
    assert (notice.status, notice.attempts) == ("queued", 1)
    assert pipeline.send_due_notices() == 0  # not due yet: 30 s of backoff
    later = timezone.now() + timedelta(seconds=31)
    with time_machine.travel(later):
        assert pipeline.send_due_notices() == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("queued", 2)  # the next wait is 60 s
    with time_machine.travel(later + timedelta(seconds=61)):
        pipeline.send_due_notices()
    notice.refresh_from_db()
    assert (notice.status, notice.gateway_id) == ("sent", "gw-1")
    assert tasks.check_deliveries() == 1
    assert Notice.objects.get(pk=notice.pk).status == "delivered"


def test_a_refused_notice_fails_for_good_and_supervisors_see_it(
    client, registries, submit_scenario, settings
):
    settings.SMS_BACKEND = "tests.casework.test_notices.RefusingGateway"
    case = submit_scenario("eligible")
    tasks.process_case(case.pk)
    notice = Notice.objects.get(case=case)
    assert notice.status == "failed" and "not a mobile number" in notice.last_error
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED  # told as far as possible
    client.login(username="supervisor", password=DEMO_PASSWORD)
    board = client.get("/admin/casework/sla/").content.decode()
    assert case.reference in board and "not a mobile number" in board


def test_the_mock_gateway_sends_a_repeated_reference_once(client):
    sms_gateway.reset()
    body = {"to": "+994501234567", "text": "Salam", "reference": "1:decision:sms"}
    headers = {"HTTP_X_API_KEY": "dev-key"}
    first = client.post("/registry-mocks/sms/v1/messages", body, "application/json", **headers)
    again = client.post("/registry-mocks/sms/v1/messages", body, "application/json", **headers)
    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"] and again.json()["duplicate"]
    listed = client.get("/registry-mocks/sms/v1/messages?to=%2B994501234567", **headers).json()
    assert len(listed["messages"]) == 1
    faults.reset_faults("sms")


def test_a_decision_notice_its_finish_never_sent_goes_out_by_the_sweeper_later(
    registries, submit_scenario, mailbox, settings
):
    """A worker died after the letter and before the notice: the notices' sweeper leaves the
    notice to the case's finish for a while (it is sent with its letter), then sends it itself
    and the case closes."""
    from casework import services

    case = submit_scenario("eligible")
    services.enrich_case(case.pk)
    services.decide_case(case.pk)
    services.issue_letters([case.pk])  # … and the worker dies here
    assert pipeline.send_due_notices() == 0  # still the finish's to send
    assert Notice.objects.get(case=case).status == "queued"
    grace = timedelta(minutes=settings.CASEWORK["NOTICE_SENDING_STALE_MINUTES"] + 1)
    with time_machine.travel(timezone.now() + grace):
        assert pipeline.send_due_notices() == 1
    assert Notice.objects.get(case=case).status == "delivered"
    assert len(sms.outbox) == 1
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED
