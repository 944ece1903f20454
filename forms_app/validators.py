"""Validators for Azerbaijani identifiers, and normalisers for what people type."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# FİN: 7 characters, digits and capital Latin letters except I and O (they read as 1 and 0).
PIN_PATTERN = r"^[0-9A-HJ-NP-Z]{7}$"
# +994, an operator code, then 7 digits.
MOBILE_OPERATOR_CODES = ("10", "50", "51", "55", "70", "77", "99")
MOBILE_PATTERN = rf"^\+994({'|'.join(MOBILE_OPERATOR_CODES)})\d{{7}}$"

validate_pin = RegexValidator(
    PIN_PATTERN,
    _("Enter the 7-character FİN from your ID card: digits and capital Latin letters, no I or O."),
    code="invalid_pin",
)
validate_az_mobile = RegexValidator(
    MOBILE_PATTERN,
    _("Enter a mobile number like +994 50 123 45 67."),
    code="invalid_mobile",
)


def normalise_pin(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def normalise_mobile(value: str) -> str:
    """Accepts +994 50 123 45 67, 994501234567, 0501234567 and 050-123-45-67."""
    digits = re.sub(r"[^\d+]", "", value or "")
    if digits.startswith("+"):
        return digits
    if digits.startswith("994"):
        return "+" + digits
    if digits.startswith("0") and len(digits) == 10:
        return "+994" + digits[1:]
    return digits


def validate_adult_birth_date(value, today, adult_age=18):
    if value > today:
        raise ValidationError(_("The date of birth can't be in the future."), code="future")
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if age < adult_age:
        raise ValidationError(
            _("The applicant must be at least %(age)s years old.") % {"age": adult_age},
            code="too_young",
        )
