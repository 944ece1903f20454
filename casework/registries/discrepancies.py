"""Where the declaration and the registries disagree.

Some disagreements the registry settles: an undeclared salary, car or flat is a fact the family
left out, and a rule may refuse on it with the registry's record as the evidence (refusal ground
1). Others need a person's judgement, because the registry may be the one that is out of date or
the family may have a good explanation: a member who died, one the civil registry does not know,
one registered elsewhere, a second open application. Those send the case to a caseworker.
"""

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from ..declaration import Declaration, FamilyMember
from ..money import azn
from .household import Discrepancy, Household
from .window import MONTHS_COUNTED

UNDECLARED_INCOME = "undeclared_income"
UNDECLARED_VEHICLE = "undeclared_vehicle"
UNDECLARED_DWELLING = "undeclared_dwelling"
MEMBER_DECEASED = "member_deceased"
MEMBER_UNKNOWN = "member_unknown"
MEMBER_REGISTERED_ELSEWHERE = "member_registered_elsewhere"
SECOND_OPEN_APPLICATION = "second_open_application"
OWN_RECORDS = "e-muraciet"  # this system's own applications, as a "registry"

# How much more a month (on the 12 months' average) the registries may show for a member than
# the declaration gave before the difference counts as undeclared income: rounding, a bonus
# forgotten by a few manat, are not a false declaration. The rule parameters in force set it; this
# is for a comparison made without them.
DEFAULT_INCOME_TOLERANCE = Decimal("10")


def _who(member: FamilyMember) -> str:
    name = f"{member.name} {member.surname}".strip() or member.pin or "?"
    return f"{name}, born {member.birth_date}" if member.birth_date else name


def _undeclared_income(
    declaration: Declaration, household: Household, tolerance: Decimal
) -> Iterator[Discrepancy]:
    for member in household.members:
        if not member.incomes:
            continue
        found = sum((i.total_12_months for i in member.incomes), Decimal("0"))
        declared = sum(
            (i.total_12_months for i in declaration.incomes if i.pin == member.pin), Decimal("0")
        )
        if (found - declared) / MONTHS_COUNTED <= tolerance:
            continue
        largest = max(member.incomes, key=lambda i: i.total_12_months)
        sources = ", ".join(f"{i.kind} from {i.payer}" for i in member.incomes)
        yield Discrepancy(
            UNDECLARED_INCOME,
            largest.registry,
            member.pin,
            declared=f"{azn(declared)} in 12 months",
            found=f"{azn(found)} in 12 months ({sources})",
        )


def _undeclared_vehicles(declaration: Declaration, household: Household) -> Iterator[Discrepancy]:
    declared = {_plate(v.plate): v.given_by_state for v in declaration.vehicles}
    listed = ", ".join(v.plate for v in declaration.vehicles) or "none"
    for vehicle in household.vehicles:
        plate = _plate(vehicle.plate)
        # A car the family says the state gave it is only declared if the road police agree.
        if plate in declared and (not declared[plate] or vehicle.given_by_state_for_rehabilitation):
            continue
        state_given = " (given by the state)" if vehicle.given_by_state_for_rehabilitation else ""
        yield Discrepancy(
            UNDECLARED_VEHICLE,
            "vehicles",
            vehicle.owner_pin,
            declared=listed,
            found=f"{vehicle.plate} {vehicle.make} {vehicle.year or ''}".strip() + state_given,
        )


def _plate(plate: str) -> str:
    """A plate as people type it or the road police write it: 10-RT-482, 10 rt 482."""
    return re.sub(r"[\s-]", "", plate).upper()


def _undeclared_dwellings(declaration: Declaration, household: Household) -> Iterator[Discrepancy]:
    homes = [d for d in household.dwellings if d.purpose == "residential"]
    if len(homes) > declaration.dwellings_count:
        yield Discrepancy(
            UNDECLARED_DWELLING,
            "realestate",
            homes[declaration.dwellings_count].owner_pin,
            declared=str(declaration.dwellings_count),
            found=f"{len(homes)}: " + "; ".join(d.address for d in homes),
        )


def _deceased(declaration: Declaration, household: Household) -> Iterator[Discrepancy]:
    declared = {m.pin: m for m in declaration.everyone}
    for member in household.members:
        if member.death_date:
            yield Discrepancy(
                MEMBER_DECEASED,
                "civil",
                member.pin,
                declared=f"{_who(declared[member.pin])}, living with the family",
                found=f"died {member.death_date}",
                settled_by_registry=False,
            )


def _unknown(declaration: Declaration, household: Household) -> Iterator[Discrepancy]:
    unknown = {m.pin for m in household.members if not m.known_to_civil_registry}
    for member in declaration.everyone:
        if not member.pin or member.pin in unknown:
            yield Discrepancy(
                MEMBER_UNKNOWN,
                "civil",
                member.pin,
                declared=_who(member),
                found="not in the civil registry" if member.pin else "no FİN to look up",
                settled_by_registry=False,
            )


def _registered_elsewhere(declaration: Declaration, household: Household) -> Iterator[Discrepancy]:
    applicant = household.member(declaration.applicant.pin)
    if applicant is None or not applicant.registered_address_id:
        return  # nothing to compare with
    for member in household.members:
        if (
            member.alive  # a death is flagged on its own; the registration ended with it
            and member.registered_address_id
            and member.registered_address_id != applicant.registered_address_id
        ):
            yield Discrepancy(
                MEMBER_REGISTERED_ELSEWHERE,
                "address",
                member.pin,
                declared=applicant.registered_address,
                found=member.registered_address,
                settled_by_registry=False,
            )


def _second_open_application(
    declaration: Declaration, household: Household
) -> Iterator[Discrepancy]:
    # The family's own application, once the ministry's records list it, is not a second one.
    others = [n for n in household.open_assistance_applications if n != declaration.reference]
    if others:
        yield Discrepancy(
            SECOND_OPEN_APPLICATION,
            "assistance",
            declared="no other application",
            found=f"application {', '.join(others)} is open for a member of the family",
            settled_by_registry=False,
        )


CHECKS: list[Callable[[Declaration, Household], Iterator[Discrepancy]]] = [
    _undeclared_vehicles,
    _undeclared_dwellings,
    _deceased,
    _unknown,
    _registered_elsewhere,
    _second_open_application,
]


def _open_in_this_system(open_elsewhere: dict[str, list[str]]) -> Iterator[Discrepancy]:
    """A declared person in another application this system has not decided yet: a family split
    in two, or a false declaration; a person must judge which."""
    for pin, references in open_elsewhere.items():
        yield Discrepancy(
            SECOND_OPEN_APPLICATION,
            OWN_RECORDS,
            pin,
            declared="no other application",
            found=f"also declared in open application {', '.join(references)}",
            settled_by_registry=False,
        )


def find_discrepancies(
    declaration: Declaration,
    household: Household,
    *,
    income_tolerance: Decimal = DEFAULT_INCOME_TOLERANCE,
    open_elsewhere: dict[str, list[str]] | None = None,
) -> list[Discrepancy]:
    """Every disagreement. `income_tolerance` (AZN a month) is the rule parameters' in force;
    `open_elsewhere` names, by FİN, this system's other open applications declaring a member."""
    return [
        *_undeclared_income(declaration, household, income_tolerance),
        *(found for check in CHECKS for found in check(declaration, household)),
        *_open_in_this_system(open_elsewhere or {}),
    ]
