"""Amounts in manat: kept as Decimal, rounded to the qəpik, written the way letters write them."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cent(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def azn(value) -> str:
    """1234.5 → "1,234.50 AZN"."""
    return f"{to_cent(value):,.2f} AZN"
