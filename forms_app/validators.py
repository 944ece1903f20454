"""Validators for Azerbaijani identifiers, and normalisers for what people type."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
            ngettext(
                "The applicant must be at least %(age)s year old.",
                "The applicant must be at least %(age)s years old.",
                adult_age,
            )
            % {"age": adult_age},
            code="too_young",
        )


# ID card: "AA" + 7 digits (current cards) or "AZE" + 8 digits (older ones).
ID_CARD_PATTERN = r"^(AA\d{7}|AZE\d{8})$"
validate_id_card = RegexValidator(
    ID_CARD_PATTERN,
    _("Enter the ID-card number as printed: AA and 7 digits, or AZE and 8 digits."),
    code="invalid_id_card",
)


def normalise_compact_upper(value: str) -> str:
    """For identifiers people type with spaces or dashes: ID cards, IBANs."""
    return re.sub(r"[\s-]+", "", value or "").upper()


def validate_az_iban(value: str):
    """AZ IBAN: AZ, 2 check digits, a 4-letter bank code and 20 characters (ISO 13616)."""
    if not re.fullmatch(r"AZ\d{2}[A-Z]{4}[A-Z0-9]{20}", value):
        raise ValidationError(
            _("Enter the 28-character account number that starts with AZ."), code="invalid_iban"
        )
    rearranged = value[4:] + value[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(digits) % 97 != 1:
        raise ValidationError(
            _("This account number has a typing mistake: check it on your card contract."),
            code="iban_checksum",
        )
