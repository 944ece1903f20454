"""Reading every registry's answer into one Household snapshot: split batch answers per person,
read each with its registry's reader (readers.py), and join the findings of every registry about
every member. A registry whose answer can't be read counts as unreachable for that person, and the
case goes to a caseworker if the registry is required.
"""

import logging
from dataclasses import replace
from datetime import date
from decimal import Decimal

from ..declaration import Declaration
from .client import CallResult
from .household import Household, Income, Member
from .readers import (
    ANSWER_ERRORS,
    CENT,
    MONTHS_COUNTED,
    Finding,
    Outcome,
    Window,
    read_answer,
)

logger = logging.getLogger(__name__)


def split_results(result: CallResult) -> list[CallResult]:
    """One result per PIN. A batch answer's envelope carries each PIN's own status and record
    ({"results": [{"pin", "status", "body"}]}); a batch that failed as a whole failed alike for
    every PIN in it."""
    # A part names its PIN in the request, so splitting a part again gives it back unchanged.
    batch = "json" in result.request and "pin" not in result.request
    alike = [
        replace(
            result, pins=[pin], request={**result.request, "pin": pin} if batch else result.request
        )
        for pin in result.pins
    ]
    if not batch or result.outcome != Outcome.FOUND:
        return alike
    try:
        answers = {item["pin"]: item for item in result.body["results"]}
    except ANSWER_ERRORS:
        logger.warning("Registry %s sent a batch answer of the wrong shape", result.registry)
        return [replace(part, outcome=Outcome.MALFORMED) for part in alike]
    parts = []
    for part in alike:
        answer = answers.get(part.pins[0])
        status = answer.get("status") if isinstance(answer, dict) else None
        if not isinstance(status, int):
            parts.append(replace(part, outcome=Outcome.MALFORMED, status=None, body=answer))
            continue
        if status == 404:
            outcome = Outcome.NOT_FOUND
        else:
            outcome = Outcome.FOUND if 200 <= status < 300 else Outcome.ERROR
        parts.append(replace(part, outcome=outcome, status=status, body=answer.get("body")))
    return parts


# e-Labour knows the contract's salary; the tax service what was paid, month by month: where both
# report the same pay, the tax service's figure stands.
INCOME_PREFERENCE = {"tax": 0}


def _preference(income: Income) -> int:
    return INCOME_PREFERENCE.get(income.registry, len(INCOME_PREFERENCE))


def _per_month(totals: dict[str, Decimal]) -> Decimal:
    return (sum(totals.values(), Decimal("0")) / MONTHS_COUNTED).quantize(CENT)


def build_household(declaration: Declaration, results: list[CallResult], as_of: date) -> Household:
    """The family as the registries describe it on `as_of` (the day of the application), from
    every registry's answer about every declared member, per person or in batches."""
    window = Window.before(as_of)
    members = {pin: Member(pin) for pin in declaration.pins}
    household = Household(members=list(members.values()))
    incomes: dict[str, dict[tuple[str, str], Income]] = {pin: {} for pin in members}
    utility_accounts: dict[str, Decimal] = {}
    phone_lines: dict[str, Decimal] = {}
    unreachable = set()
    for result in results:
        for part in split_results(result):
            pin = part.pins[0]
            if pin not in members:
                logger.warning("Registry %s answered about %s, not asked", part.registry, pin)
                continue
            finding = read_answer(part, window)
            if finding is None:
                unreachable.add(part.registry)
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
            replace(i, total_12_months=i.total_12_months.quantize(CENT))
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
    if finding.barred_until and (
        household.barred_until is None or finding.barred_until > household.barred_until
    ):
        household.barred_until = finding.barred_until
