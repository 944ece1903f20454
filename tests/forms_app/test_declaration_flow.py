"""A citizen fills in the real declaration, one step per page, and submits it."""

import copy
import io
import re

import pypdf
import pytest
from django.core import mail

from casework.models import Case
from forms_app import sms
from forms_app.models import DeclarationForm, Draft, Submission
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"UDSY-\d{4}-\d{6}")


def test_the_whole_declaration_gives_a_reference_receipt_and_case(
    client, django_capture_on_commit_callbacks
):
    response = d.fill_in(client)
    assert response["Location"].endswith("/check/")
    check = client.get(d.SERVICE_URL + "check/").content.decode()
    assert "Check your answers" in check and "Rəşad" in check and "3600.00 AZN" in check

    with django_capture_on_commit_callbacks(execute=True):
        submitted = d.submit(client)
    assert submitted.status_code == 302
    submission = Submission.objects.get()
    assert REFERENCE.fullmatch(submission.reference)
    assert submission.form_version.number == 1
    answers = submission.answers
    assert answers["pin"] == "5ZJBKQG" and answers["mobile"] == "+994501234567"
    assert answers["lives_at_registered_address"] is True
    assert [m["first_name"] for m in answers["family_members"]] == ["Rəşad", "Aysel"]
    assert answers["incomes"][0]["amount_12_months"] == "3600.00"
    assert "actual_address" not in answers  # its condition was not met
    assert "citizen_consent" not in answers  # only asked at a post office
    # Processed at once; its made-up FİNs are confirmed by no registry, so a caseworker looks.
    assert Case.objects.get(submission=submission).status == Case.Status.FLAGGED

    confirmation = client.get(submitted["Location"]).content.decode()
    assert submission.reference in confirmation
    receipt_url = re.search(r'href="([^"]+/receipt/[^"]+)"', confirmation).group(1)
    pdf = pypdf.PdfReader(io.BytesIO(client.get(receipt_url).content))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert submission.reference in text and "Əliyeva" in text and "Rəşad" in text


def test_each_step_explains_its_errors_next_to_the_fields(client):
    d.start(client)
    response = d.post_step(
        client, "applicant", {**d.APPLICANT, "pin": "12345IO", "birth_date": "2090-01-01"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # Each link lands on the box to correct: a date's first box, the day.
    assert 'href="#id_pin"' in html and 'href="#id_birth_date_0"' in html
    assert "no I or O" in html
    assert Draft.objects.get().answers == {}


def test_a_hidden_field_is_not_required_and_a_shown_one_is(client):
    d.start(client)
    assert "actual_address" not in d.APPLICANT  # lives at the registered address: hidden
    assert d.post_step(client, "applicant", d.APPLICANT).status_code == 302
    moved = {**d.APPLICANT, "lives_at_registered_address": "no"}
    response = d.post_step(client, "applicant", moved)
    assert response.status_code == 200
    errors = re.findall(r'<a href="#id_([^"]+)"', response.content.decode())
    assert errors == ["actual_address"]  # now shown, and required
    response = d.post_step(client, "applicant", {**moved, "actual_address": "Sumqayıt, 5-ci mkr."})
    assert response.status_code == 302
    assert Draft.objects.get().answers["actual_address"] == "Sumqayıt, 5-ci mkr."


def publish_with_second_dwelling_costs():
    """The demo form, with a cost on the costs step asked only of a family that declared more
    than one dwelling on the property step before it."""
    form = DeclarationForm.objects.get()
    schema = copy.deepcopy(form.schema.get_prep_value())
    costs = next(b["value"] for b in schema if b["value"]["name"] == "costs")
    label = {"az": "İkinci yaşayış sahəsi (aylıq, AZN)", "en": "Second dwelling (monthly, AZN)"}
    condition = {"field": "dwellings_count", "operator": "greater", "value": "1"}
    costs["fields"].append(
        {
            "type": "money",
            "value": {"name": "second_dwelling_monthly", "label": label, "condition": condition},
        }
    )
    form.schema = schema
    form.save_revision().publish()


def test_a_condition_from_an_earlier_step_hides_the_field(client):
    publish_with_second_dwelling_costs()
    costs_url = d.SERVICE_URL + "step/costs/"
    d.fill_in(client, steps=d.STEPS[:4])  # one dwelling
    assert "second_dwelling_monthly" not in client.get(costs_url).content.decode()
    assert d.post_step(client, "costs", d.COSTS).status_code == 302  # hidden: not asked

    assert (
        d.post_step(client, "property", {**d.PROPERTY, "dwellings_count": "2"}).status_code == 302
    )
    assert 'name="second_dwelling_monthly"' in client.get(costs_url).content.decode()
    assert d.post_step(client, "costs", d.COSTS).status_code == 200  # now asked, and required
    answered = {**d.COSTS, "second_dwelling_monthly": "20"}
    assert d.post_step(client, "costs", answered).status_code == 302
    assert Draft.objects.get().answers["second_dwelling_monthly"] == "20.00"


def test_fields_controlled_on_their_own_step_or_by_the_channel(client):
    d.fill_in(client, steps=d.STEPS[:5])
    page = client.get(d.SERVICE_URL + "step/payment/").content.decode()
    assert 'name="feedback_email"' in page  # controlled on this step: rendered for the script
    html = client.get(d.SERVICE_URL + "step/declaration/").content.decode()
    assert "citizen_consent" not in html  # controlled by the channel: not for citizens


def test_groups_add_and_remove_items_without_javascript(client):
    d.fill_in(client, steps=d.STEPS[:1])
    data = {**d.FAMILY, "action": "add:family_members"}
    html = d.post_step(client, "family", data).content.decode()
    assert 'name="family_members-2-pin"' in html
    assert "There is a problem" not in html

    # "Remove" asks first, and removes nothing until confirmed.
    data = {**d.FAMILY, "action": "remove:family_members:0"}
    html = d.post_step(client, "family", data).content.decode()
    assert "Remove Family member 1?" in html
    assert 'value="confirm-remove:family_members:0"' in html
    assert 'value="Aysel"' in html and 'value="Rəşad"' in html
    assert "There is a problem" not in html

    data = {**d.FAMILY, "action": "confirm-remove:family_members:0"}
    html = d.post_step(client, "family", data).content.decode()
    assert 'value="Aysel"' in html and 'value="Rəşad"' not in html
    assert 'name="family_members-TOTAL_FORMS" value="1"' in html


def test_a_group_respects_its_minimum_and_maximum(client):
    d.fill_in(client, steps=d.STEPS[:2])
    no_incomes = {"has_income": "yes", "incomes-TOTAL_FORMS": "0", "incomes-INITIAL_FORMS": "0"}
    response = d.post_step(client, "incomes", no_incomes)
    assert response.status_code == 200 and "Add at least 1 item." in response.content.decode()

    def children(count):
        child = {**d.MEMBERS[1]}
        return d.family(*[{**child, "pin": f"5ZJ{i:04d}"} for i in range(count)])

    assert d.post_step(client, "family", children(15)).status_code == 302  # the most allowed
    response = d.post_step(client, "family", children(16))
    assert response.status_code == 200
    assert "You can add at most 15 items." in response.content.decode()
    assert len(Draft.objects.get().answers["family_members"]) == 15


def test_check_your_answers_links_back_to_each_step_and_returns(client):
    d.fill_in(client)
    check = client.get(d.SERVICE_URL + "check/").content.decode()
    change = re.search(r'href="([^"]+step/costs/\?return=check)"', check).group(1)
    assert client.get(change).status_code == 200
    response = d.post_step(client, "costs", {**d.COSTS, "gas_monthly": "9"})
    assert response.status_code == 302  # the test helper posts to the plain step URL
    response = client.post(change, {**d.COSTS, "draft": d.draft_id(client, change)})
    assert response["Location"].endswith("/check/")


def test_submitting_twice_gives_one_submission(client):
    d.fill_in(client)
    check = client.get(d.SERVICE_URL + "check/").content.decode()
    draft = re.search(r'name="draft" value="([^"]+)"', check).group(1)
    first = client.post(d.SERVICE_URL + "check/", {"draft": draft})
    second = client.post(d.SERVICE_URL + "check/", {"draft": draft})
    assert Submission.objects.count() == 1
    assert first.status_code == 302 and second.status_code == 302


def test_a_step_posted_from_another_draft_is_refused(client):
    d.start(client)
    response = client.post(
        d.SERVICE_URL + "step/applicant/",
        {**d.APPLICANT, "draft": "00000000-0000-0000-0000-000000000000"},
    )
    assert response.status_code == 302
    assert Draft.objects.get().answers == {}


@pytest.mark.parametrize(
    "junk",
    [
        {"pin": "ə" * 100000},
        {"birth_date": "31/02/2020"},
        {"lives_at_registered_address": "maybe"},
        {"unknown": "x", "pin": ["A", "B"]},
        {"family_members-TOTAL_FORMS": "100000"},
        {"family_members-TOTAL_FORMS": "-3"},
        {"action": "remove:family_members:x"},
        {"action": "add:nothing"},
    ],
)
def test_malformed_posts_never_give_a_server_error(client, junk):
    d.start(client)
    response = d.post_step(client, "applicant", {**d.APPLICANT, **junk})
    assert response.status_code in (200, 302)
    response = d.post_step(client, "family", {**d.FAMILY, **junk})
    assert response.status_code in (200, 302)


def test_unknown_steps_and_missing_drafts_are_handled(client):
    assert client.get(d.SERVICE_URL + "step/applicant/").status_code == 302  # no draft
    d.start(client)
    assert client.get(d.SERVICE_URL + "step/no-such-step/").status_code == 404
    assert client.get(d.SERVICE_URL + "check/").status_code == 302  # steps still to do


def test_save_and_resume_by_the_secret_link(client, django_capture_on_commit_callbacks):
    sms.outbox.clear()
    d.start(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = d.post_step(client, "applicant", {**d.APPLICANT, "action": "save"})
        saved = client.get(response["Location"]).content.decode()
    link = re.search(r'class="resume-link"><a href="([^"]+)"', saved).group(1)
    assert mail.outbox and link in mail.outbox[0].body
    assert sms.outbox and link in sms.outbox[0][1]

    client.cookies.clear()  # another day, another browser
    resumed = client.get(link)
    assert resumed.status_code == 302
    # On to the first step still to do, the saved one filled in as it was left.
    landed = client.get(resumed["Location"], follow=True)
    assert landed.redirect_chain[-1][0].endswith("/step/family/")
    saved_step = client.get(d.SERVICE_URL + "step/applicant/").content.decode()
    assert 'value="Əliyeva"' in saved_step and 'value="AA1234567"' in saved_step


def test_an_expired_or_unknown_resume_link_says_so(client):
    response = client.get(d.SERVICE_URL + "resume/not-a-real-token/")
    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()


def test_expired_drafts_are_purged(client):
    from datetime import timedelta

    from django.utils import timezone

    from forms_app.tasks import purge_expired_drafts

    d.start(client)
    d.start(client)
    Draft.objects.filter(pk=Draft.objects.first().pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert purge_expired_drafts() == 1
    assert Draft.objects.count() == 1


def test_the_receipt_cannot_be_opened_from_another_browser(
    client, django_capture_on_commit_callbacks
):
    d.fill_in(client)
    submitted = d.submit(client)
    confirmation = client.get(submitted["Location"]).content.decode()
    receipt_url = re.search(r'href="([^"]+/receipt/[^"]+)"', confirmation).group(1)
    assert client.get(receipt_url)["Content-Type"] == "application/pdf"  # this browser can
    client.cookies.clear()
    assert client.get(receipt_url).status_code == 404
    assert client.get(submitted["Location"]).status_code == 404


def test_switching_language_keeps_the_application(client):
    d.fill_in(client, steps=d.STEPS[:1])
    az_step = "/e-xidmetler/unvanli-dovlet-sosial-yardimi/step/family/"
    html = client.get(az_step).content.decode()
    assert "Ailə üzvləri" in html  # the same draft, now in Azerbaijani


def test_posting_a_group_again_unchanged_keeps_its_items(client):
    d.fill_in(client, steps=d.STEPS[:2])
    d.post_step(client, "family", d.FAMILY)  # back to the step, Continue without changes
    members = Draft.objects.get().answers["family_members"]
    assert [m["first_name"] for m in members] == ["Rəşad", "Aysel"]
