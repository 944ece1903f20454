"""A declaration is checked as a whole before it is accepted, with messages at the field they are
about: one person per FİN (the applicant isn't listed again), an income's owner is one of the
declared people, a mobile number is valid or refused, text has no invisible characters and is
stored composed (NFC), a date never depends on the language. Properties over generated
declarations (the engine both the web form and the API use), then the same through the web."""

import string
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from forms_app.schema.definition import FormDefinition
from forms_app.schema.engine import validate_answers
from forms_app.schema.fields import build_formfield
from pages.management.commands._demo_declaration import TARGETED_ASSISTANCE_DECLARATION
from tests.forms_app import declaration as d

DEMO = FormDefinition.from_stream(TARGETED_ASSISTANCE_DECLARATION)
FIN_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
FINS = st.text(FIN_ALPHABET, min_size=7, max_size=7)
ENOUGH = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def in_english():
    """The messages are read in English, whichever language an earlier test left active in
    this thread (a request's, or none after a management command)."""
    with translation.override("en"):
        yield


def check(answers, *, channel="api", language="en"):
    # In the language asked for, as the services call it (not whichever an earlier test left).
    with translation.override(language):
        return validate_answers(DEMO, answers, channel=channel, language=language)


def family(pins):
    return [{**d.MEMBERS[0], "pin": pin} for pin in pins]


def test_the_demo_declaration_as_it_stands_is_consistent():
    cleaned, errors = check(d.ANSWERS)
    assert errors == {}


# One person per FİN --------------------------------------------------------------------------


@ENOUGH
@given(st.lists(FINS, min_size=1, max_size=8, unique=True), st.data())
def test_the_applicant_listed_again_as_a_member_is_refused_there(pins, data):
    assume(d.ANSWERS["pin"] not in pins)
    at = data.draw(st.integers(0, len(pins)))
    pins.insert(at, d.ANSWERS["pin"])
    _cleaned, errors = check({**d.ANSWERS, "family_members": family(pins)})
    assert list(errors) == [f"family_members[{at}].pin"]
    assert "already given for Applicant" in errors[f"family_members[{at}].pin"][0]


@ENOUGH
@given(st.lists(FINS, min_size=2, max_size=8, unique=True), st.data())
def test_the_same_member_twice_is_refused_at_the_second(pins, data):
    assume(d.ANSWERS["pin"] not in pins)
    first = data.draw(st.integers(0, len(pins) - 1))
    second = data.draw(st.integers(first + 1, len(pins)))
    pins.insert(second, pins[first])
    _cleaned, errors = check({**d.ANSWERS, "family_members": family(pins)})
    assert list(errors) == [f"family_members[{second}].pin"]
    assert f"Family member {first + 1}" in errors[f"family_members[{second}].pin"][0]


@ENOUGH
@given(st.lists(FINS, max_size=6, unique=True))
def test_different_people_are_accepted_however_many(pins):
    assume(d.ANSWERS["pin"] not in pins)
    _cleaned, errors = check({**d.ANSWERS, "family_members": family(pins)})
    assert errors == {}


# An income's owner is one of the declared people ---------------------------------------------


@ENOUGH
@given(st.lists(FINS, max_size=5, unique=True), FINS, st.data())
def test_an_income_belongs_to_someone_declared(pins, stranger, data):
    assume(d.ANSWERS["pin"] not in pins and stranger not in [*pins, d.ANSWERS["pin"]])
    owner = data.draw(st.sampled_from([d.ANSWERS["pin"], *pins]))
    incomes = [
        {"member_pin": owner, "type": "salary", "amount_12_months": "100"},
        {"member_pin": stranger, "type": "pension", "amount_12_months": "50"},
    ]
    answers = {**d.ANSWERS, "family_members": family(pins), "incomes": incomes}
    _cleaned, errors = check(answers)
    assert list(errors) == ["incomes[1].member_pin"]
    assert "one of the people declared" in errors["incomes[1].member_pin"][0]


# Mobile numbers ------------------------------------------------------------------------------

MOBILES = st.one_of(
    st.text(max_size=20),
    st.text(string.digits + "+ -()", min_size=1, max_size=16),
    st.builds(lambda n: f"+99450{n}", st.text(string.digits, min_size=5, max_size=9)),
)


@ENOUGH
@given(MOBILES)
def test_a_mobile_number_is_kept_valid_or_refused_never_dropped(typed):
    assume(typed.strip())
    cleaned, errors = check({**d.ANSWERS, "mobile": typed})
    if "mobile" in errors:
        assert list(errors) == ["mobile"]
    else:
        assert cleaned["mobile"].startswith("+994") and len(cleaned["mobile"]) == 13


# Text ----------------------------------------------------------------------------------------

INVISIBLE = st.sampled_from(
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u2066", "\u2069"]
    + ["\u200e", "\u200f", "\u061c", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u00ad"]
)
TEXT_FIELDS = st.sampled_from(["last_name", "first_name", "patronymic", "registered_address"])


@ENOUGH
@given(TEXT_FIELDS, INVISIBLE, st.data())
def test_control_bidi_and_zero_width_characters_are_refused_at_their_field(name, ch, data):
    text = d.ANSWERS[name]
    at = data.draw(st.integers(1, len(text) - 1))
    _cleaned, errors = check({**d.ANSWERS, name: text[:at] + ch + text[at:]})
    assert list(errors) == [name]
    # Django says a NUL is not allowed before anything else looks at the text.
    assert f"U+{ord(ch):04X}" in errors[name][0] or (ch == "\x00" and "Null" in errors[name][0])


@ENOUGH
@given(TEXT_FIELDS)
def test_text_is_stored_composed_however_it_was_typed(name):
    decomposed = unicodedata.normalize("NFD", d.ANSWERS[name])
    cleaned, errors = check({**d.ANSWERS, name: decomposed})
    assert errors == {}
    assert cleaned[name] == unicodedata.normalize("NFC", d.ANSWERS[name])


# Dates ---------------------------------------------------------------------------------------


@ENOUGH
@given(st.dates(), st.sampled_from(["%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%Y"]))
def test_the_api_takes_iso_dates_only(date, written):
    _cleaned, errors = check({**d.ANSWERS, "birth_date": date.strftime(written)})
    assert "ISO 8601" in errors["birth_date"][0]


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_a_typed_date_means_the_same_in_every_language(language):
    birth_date = next(f for f in DEMO.step("applicant").fields if f.name == "birth_date")
    field = build_formfield(birth_date, language)
    assert field.clean("05.04.1988").isoformat() == "1988-04-05"
    assert field.clean("1988-04-05").isoformat() == "1988-04-05"
    with pytest.raises(ValidationError, match="real date"):
        field.clean("05/04/1988")
    assert field.clean(["5", "4", "1988"]).isoformat() == "1988-04-05"  # the three boxes


# Through the web form ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_web_form_offers_the_declared_people_as_an_incomes_owner(client, service_page):
    d.start(client)
    for name, data in d.STEPS[:2]:
        assert d.post_step(client, name, data).status_code == 302
    page = client.get(d.SERVICE_URL + "step/incomes/").content.decode()
    assert '<select name="incomes-__prefix__-member_pin"' in page or "member_pin" in page
    for person in ("Əliyeva Gülşən (5ZJBKQG)", "Əliyev Rəşad (7KQ2M1A)", "Əliyeva Aysel (3ZX9P0B)"):
        assert person in page
    stranger = {**d.INCOMES, "incomes-0-member_pin": "4AB2C3D"}
    refused = d.post_step(client, "incomes", stranger)
    assert refused.status_code == 200
    assert "one of the people declared" in refused.content.decode()


@pytest.mark.django_db
def test_the_web_form_refuses_the_applicant_as_a_member_on_the_family_step(client, service_page):
    d.start(client)
    assert d.post_step(client, "applicant", d.APPLICANT).status_code == 302
    again = d.family(*d.MEMBERS, {**d.MEMBERS[0], "pin": d.APPLICANT["pin"]})
    response = d.post_step(client, "family", again)
    assert response.status_code == 200
    assert "This FİN is already given for Applicant" in response.content.decode()


@pytest.mark.django_db
def test_an_invalid_mobile_number_is_refused_on_the_web_not_dropped(client, service_page):
    d.start(client)
    response = d.post_step(client, "applicant", {**d.APPLICANT, "mobile": "call me"})
    assert response.status_code == 200
    assert "Enter a mobile number like +994 50 123 45 67." in response.content.decode()
