"""Reading every registry's answer about every person (split per person by lookups.py) into one
Household snapshot: read each with its registry's reader (readers.py), and join the findings of
every registry about every member. A registry whose answer can't be read counts as unreachable
for that person, and the case goes to a caseworker if the registry is required.
"""

import logging
from dataclasses import replace
from datetime import date
from decimal import Decimal

from ..declaration import Declaration
from ..money import to_cent
from .client import CallResult
from .household import Household, Income, Member
from .readers import Finding, read_answer
from .window import MONTHS_COUNTED, Window

logger = logging.getLogger(__name__)


# e-Labour knows the contract's salary; the tax service what was paid, month by month: where both
# report the same pay, the tax service's figure stands.
INCOME_PREFERENCE = {"tax": 0}


def _preference(income: Income) -> int:
    return INCOME_PREFERENCE.get(income.registry, len(INCOME_PREFERENCE))


def _per_month(totals: dict[str, Decimal]) -> Decimal:
    return to_cent(sum(totals.values(), Decimal("0")) / MONTHS_COUNTED)


def build_household(declaration: Declaration, answers: list[CallResult], as_of: date) -> Household:
    """The family as the registries describe it on `as_of` (the day of the application), from
    every registry's answer about every declared member (one answer per registry and person)."""
    window = Window.before(as_of)
    members = {pin: Member(pin) for pin in declaration.pins}
    household = Household(members=list(members.values()))
    incomes: dict[str, dict[tuple[str, str], Income]] = {pin: {} for pin in members}
    utility_accounts: dict[str, Decimal] = {}
    phone_lines: dict[str, Decimal] = {}
    unreachable = set()
    for answer in answers:
        pin = answer.pins[0]
        if pin not in members:
            logger.warning("Registry %s answered about %s, not asked", answer.registry, pin)
            continue
        finding = read_answer(answer, window)
        if finding is None:
            unreachable.add(answer.registry)
            continue
        for name, value in finding.member.items():
            setattr(members[pin], name, value)
        for key, income in finding.incomes.items():
            kept = incomes[pin].get(key)
            if kept is None or _preference(income) < _preference(kept):
                incomes[pin][key] = income
        _join(household, finding)
        utility_accounts.update(finding.utility_accounts)
        phone_lines.update(finding.phone_lines)
    for pin, member in members.items():
        member.incomes = [
            replace(i, months={m: to_cent(paid) for m, paid in sorted(i.months.items())})
            for i in incomes[pin].values()
        ]
    household.utilities_monthly = _per_month(utility_accounts)
    household.communications_monthly = _per_month(phone_lines)
    household.unreachable_registries = sorted(unreachable)
    return household


def _join(household: Household, finding: Finding):
    """Add one finding's property, deals and family-wide facts. A car or a flat that two
    members share appears in both members' records: it is counted once."""
    plates = {v.plate for v in household.vehicles}
    household.vehicles += [v for v in finding.vehicles if v.plate not in plates]
    places = {(d.address, d.purpose) for d in household.dwellings}
    household.dwellings += [d for d in finding.dwellings if (d.address, d.purpose) not in places]
    household.deals += finding.deals
    household.land_hectares += finding.land_hectares
    household.open_assistance_applications += [
        number
        for number in finding.open_assistance_applications
        if number not in household.open_assistance_applications
    ]
    refused_on = finding.refused_for_false_information_on
    if refused_on and refused_on > (household.refused_for_false_information_on or refused_on.min):
        household.refused_for_false_information_on = refused_on
