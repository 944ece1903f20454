"""Household utility tariffs (AZN), tiered as the Tariff Council publishes them; close to the real
figures, but the mocks need only plausible bills, not exact ones."""

from decimal import Decimal

# (upper bound of the tier per month, price per unit); None: no upper bound.
TIERS = {
    "ELECTRICITY": [(200, Decimal("0.084")), (300, Decimal("0.10")), (None, Decimal("0.15"))],
    # Gas tiers are yearly (1,200 and 2,500 m³); spread over the months.
    "GAS": [(100, Decimal("0.125")), (208, Decimal("0.20")), (None, Decimal("0.25"))],
    "WATER": [(None, Decimal("1.00"))],
}
UNITS = {"ELECTRICITY": "kWh", "GAS": "m3", "WATER": "m3"}

# How a month compares with an average one, January first: heating in winter, cooling in summer.
SEASONS = {
    "ELECTRICITY": [1.25, 1.2, 1.05, 0.9, 0.85, 1.0, 1.2, 1.2, 0.95, 0.9, 1.05, 1.2],
    "GAS": [1.9, 1.8, 1.4, 0.9, 0.5, 0.35, 0.3, 0.3, 0.4, 0.8, 1.4, 1.9],
    "WATER": [0.9, 0.9, 0.95, 1.0, 1.05, 1.15, 1.2, 1.2, 1.05, 0.95, 0.9, 0.9],
}


def charge(service: str, quantity: Decimal) -> Decimal:
    total, lower = Decimal("0"), 0
    for upper, price in TIERS[service]:
        in_tier = quantity - lower if upper is None else min(quantity, upper) - lower
        if in_tier <= 0:
            break
        total += in_tier * price
        lower = upper or lower
    return total.quantize(Decimal("0.01"))
