import contextlib
import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from forms_app.validators import (
    normalise_mobile,
    normalise_pin,
    validate_adult_birth_date,
    validate_az_mobile,
    validate_pin,
)

PIN_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@given(st.text(alphabet=PIN_ALPHABET, min_size=7, max_size=7))
def test_every_well_formed_pin_is_accepted(pin):
    validate_pin(pin)


@pytest.mark.parametrize("pin", ["5ZJBKQ", "5ZJBKQGG", "5ZJBKQI", "5ZJBKQO", "5zjbkq!", ""])
def test_malformed_pins_are_refused(pin):
    with pytest.raises(ValidationError):
        validate_pin(pin)


def test_pin_is_normalised_from_what_people_type():
    assert normalise_pin(" 5zj bkqg ") == "5ZJBKQG"


@pytest.mark.parametrize(
    "typed", ["+994 50 123 45 67", "994501234567", "050-123-45-67", "(050) 123 45 67"]
)
def test_mobile_numbers_are_normalised_to_international_form(typed):
    assert normalise_mobile(typed) == "+994501234567"
    validate_az_mobile(normalise_mobile(typed))


@pytest.mark.parametrize(
    "number", ["+994201234567", "+994121234567", "+99450123456", "+79161234567", "+99450123456a"]
)
def test_landlines_unknown_operators_and_foreign_numbers_are_refused(number):
    with pytest.raises(ValidationError):
        validate_az_mobile(number)


@given(st.text(max_size=40))
def test_mobile_validation_never_crashes(text):
    with contextlib.suppress(ValidationError):
        validate_az_mobile(normalise_mobile(text))


def test_applicant_must_be_an_adult():
    today = datetime.date(2026, 11, 25)
    validate_adult_birth_date(datetime.date(2008, 11, 25), today)
    with pytest.raises(ValidationError):
        validate_adult_birth_date(datetime.date(2008, 11, 26), today)
    with pytest.raises(ValidationError):
        validate_adult_birth_date(datetime.date(2027, 1, 1), today)
