"""Validators for Azerbaijani identifiers, and normalisers for what people type."""

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# FİN: 7 characters, digits and capital Latin letters except I and O (they read as 1 and 0).
PIN_PATTERN = r"^[0-9A-HJ-NP-Z]{7}$"
# +994, an operator code, then 7 digits (as stored; python-phonenumbers decides which codes are
# mobile operators').
MOBILE_PATTERN = r"^\+994\d{9}$"

validate_pin = RegexValidator(
    PIN_PATTERN,
    _("Enter the 7-character FİN from your ID card: digits and capital Latin letters, no I or O."),
    code="invalid_pin",
)


def validate_az_mobile(value: str):
    """An Azerbaijani mobile number, as python-phonenumbers knows the operators' ranges."""
    try:
        number = phonenumbers.parse(value, "AZ")
    except phonenumbers.NumberParseException:
        number = None
    mobile_types = (phonenumbers.PhoneNumberType.MOBILE,)
    if (
        number is None
        or not re.fullmatch(MOBILE_PATTERN, value)
        or not phonenumbers.is_valid_number_for_region(number, "AZ")
        or phonenumbers.number_type(number) not in mobile_types
    ):
        raise ValidationError(
            _("Enter a mobile number like +994 50 123 45 67."), code="invalid_mobile"
        )


def mobile_json_pattern() -> str:
    """MOBILE_PATTERN narrowed to the operators' ranges python-phonenumbers knows, for JSON
    Schema."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("AZ")
    return rf"^\+994(?:{metadata.mobile.national_number_pattern})$"


def normalise_pin(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def normalise_mobile(value: str) -> str:
    """Accepts +994 50 123 45 67, 994501234567, 0501234567, 050-123-45-67 and (050) 123 45 67.
    Anything else is kept as typed, for the validator to refuse: never dropped."""
    digits = re.sub(r"[\s().-]", "", value or "")
    if not re.fullmatch(r"\+?\d+", digits):
        return (value or "").strip()
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


# Plain text ------------------------------------------------------------------------------------

# Characters nobody types into a name or an address, and which make two equal-looking texts
# differ or reorder what is displayed: control characters (Cc), format characters (Cf: the
# bidirectional overrides and isolates, zero-width spaces and joiners, the byte-order mark, soft
# hyphens), surrogates and private-use characters.
REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}
LINE_BREAKS = {"\n", "\r", "\t"}


def normalise_text(value: str) -> str:
    """NFC: "ə" typed as e + combining mark and "ə" as one character are the same answer."""
    return unicodedata.normalize("NFC", value)


def invisible_characters(value: str, *, multiline: bool) -> list[str]:
    if value.isprintable():
        return []  # no character of those categories is printable: every answer, nearly
    allowed = LINE_BREAKS if multiline else set()
    return [
        ch for ch in value if unicodedata.category(ch) in REFUSED_CATEGORIES and ch not in allowed
    ]


def plain_text_validator(*, multiline: bool):
    def validate_plain_text(value):
        found = invisible_characters(str(value), multiline=multiline)
        if found:
            codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in found}))
            raise ValidationError(
                _(
                    "Remove the invisible or control characters from this answer (%(codes)s): "
                    "they are often pasted in with text copied from another document."
                ),
                params={"codes": codes},
                code="invisible_characters",
            )

    return validate_plain_text
