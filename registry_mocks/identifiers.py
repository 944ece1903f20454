"""Identifiers as the agencies issue them, derived from a person's number so they never collide.

A person's number is `household index × 8 + member index`. The PIN (FİN) scrambles that number
with an affine map modulo 34⁷ and writes it in base 34, so a PIN decodes straight back to its
household: nothing needs to be stored or searched, however large the population.
"""

import re

PIN_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # digits and capitals without I and O
PIN_LENGTH = 7
PIN_SPACE = len(PIN_ALPHABET) ** PIN_LENGTH
PIN_PATTERN = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")

MEMBERS_PER_HOUSEHOLD = 8
HOUSEHOLD_INDEX_LIMIT = PIN_SPACE // MEMBERS_PER_HOUSEHOLD

# An affine bijection modulo 34⁷ = 2⁷·17⁷: the multiplier is odd and not a multiple of 17, hence
# invertible; the offset keeps the first person from being "0000000".
_PIN_MULTIPLIER = 32_416_190_071
_PIN_INVERSE = pow(_PIN_MULTIPLIER, -1, PIN_SPACE)
_PIN_OFFSET = 27_182_818_284


def person_number(household_index: int, member_index: int) -> int:
    if not 0 <= member_index < MEMBERS_PER_HOUSEHOLD:
        raise ValueError(f"member index {member_index} is outside 0–7")
    if not 0 <= household_index < HOUSEHOLD_INDEX_LIMIT:
        raise ValueError(f"household index {household_index} is outside the PIN space")
    return household_index * MEMBERS_PER_HOUSEHOLD + member_index


def encode_pin(household_index: int, member_index: int) -> str:
    value = (
        person_number(household_index, member_index) * _PIN_MULTIPLIER + _PIN_OFFSET
    ) % PIN_SPACE
    digits = []
    for _ in range(PIN_LENGTH):
        value, digit = divmod(value, len(PIN_ALPHABET))
        digits.append(PIN_ALPHABET[digit])
    return "".join(reversed(digits))


def decode_pin(pin: str) -> tuple[int, int]:
    """(household index, member index) of a well-formed PIN; ValueError otherwise."""
    if not is_valid_pin(pin):
        raise ValueError(f"not a PIN: {pin!r}")
    value = 0
    for char in pin:
        value = value * len(PIN_ALPHABET) + PIN_ALPHABET.index(char)
    return divmod((value - _PIN_OFFSET) * _PIN_INVERSE % PIN_SPACE, MEMBERS_PER_HOUSEHOLD)


def is_valid_pin(pin) -> bool:
    return isinstance(pin, str) and PIN_PATTERN.match(pin) is not None


def _permute(number: int, digits: int, multiplier: int, offset: int) -> str:
    """An affine permutation of `number` modulo 10**digits (the multiplier is coprime to 10), so
    distinct person numbers below 10**digits get distinct document numbers."""
    return f"{(number * multiplier + offset) % 10**digits:0{digits}d}"


def id_card_number(number: int, *, old_series: bool = False) -> str:
    """ID cards: "AA" + 7 digits; cards issued before 2013 "AZE" + 8 digits."""
    if old_series:
        return "AZE" + _permute(number, 8, 48_271_337, 10_203_040)
    return "AA" + _permute(number, 7, 7_919_113, 1_234_567)


def social_insurance_number(number: int) -> str:
    """The 13-digit number on the social insurance certificate (SSN)."""
    return _permute(number, 13, 6_700_417_003, 1_000_000_000_000)


def entrepreneur_voen(number: int) -> str:
    """Tax ID (VÖEN) of a natural person: 10 digits, ending in 2 (a legal entity's end in 1)."""
    return _permute(number, 9, 2_718_281_831, 314_159_265) + "2"


def iban(bank_code: str, account: str) -> str:
    """An Azerbaijani IBAN ("AZ", 2 check digits, 4-letter bank code, 20 digits) with valid
    ISO 13616 check digits."""
    bban = bank_code + account
    numeric = "".join(str(int(char, 36)) for char in bban + "AZ00")
    return f"AZ{98 - int(numeric) % 97:02d}{bban}"
