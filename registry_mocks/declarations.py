"""What an applicant would declare: for each scenario (the truth, except where the scenario has
the applicant say something else; the table the docs and tests read) and for the households of
the generated population (the load run's families)."""

from datetime import date
from decimal import Decimal

from .people import (
    CENT,
    Household,
    Person,
    last_12_months,
)
from .population import Population
from .scenarios import Scenario, built_family


def status_of(person: Person, household: Household, on: date) -> str:
    """Why a member does or does not work, in the words of refusal ground 5."""
    age = person.age(on)
    if any(i.admitted_on <= on and i.released_on is None for i in person.imprisonments):
        return "imprisoned"
    if person.military and person.military.status == "SERVING":
        return "military_service"
    if age < 18:
        return "child"
    if any(
        c.started_on <= on and (c.ended_on is None or c.ended_on >= on) for c in person.contracts
    ):
        return "works"
    if person.business and person.business.closed_on is None:
        return "works"
    if any(s.full_time and s.expected_end >= on for s in person.studies):
        return "studies"
    if any(p.kind == "AGE" for p in person.pensions):
        return "pensioner"
    if person.disability:
        return "disabled"
    unemployment = person.unemployment
    if unemployment and unemployment.insurance_to and unemployment.insurance_to >= on:
        return "unemployment_insurance"
    if unemployment and unemployment.registered_on and unemployment.deregistered_on is None:
        return "registered_unemployed"
    others = [p for p in household.members if p is not person and p.alive_on(on)]
    if any(p.disability for p in others):
        return "cares_for_disabled"
    if any(p.age(on) < 8 for p in others) and person.relation in ("applicant", "spouse"):
        return "cares_for_child_under_8"
    return "none"


def declaration(scenario: Scenario, on: date) -> dict:
    return household_declaration(
        scenario.household, on, declared=built_family(scenario.number).declared
    )


def household_declaration(household: Household, on: date, declared: dict | None = None) -> dict:
    """What the household's applicant would declare on `on`: the truth, except where `declared`
    (by PIN) has a member say something else. Any household of the population has one."""
    declared = declared or {}
    months = last_12_months(on)

    def average_income(person):
        total = sum((sum(person.incomes_in(*m).values(), Decimal(0)) for m in months), Decimal(0))
        return (total / 12).quantize(CENT)

    members = []
    for person in household.members:
        member = {
            "pin": person.pin,
            "surname": person.surname,
            "given_name": person.given_name,
            "patronymic": person.patronymic,
            "birth_date": person.birth_date.isoformat(),
            "relation": person.relation,
            "status": status_of(person, household, on),
            "monthly_income": str(average_income(person)),
        }
        member.update(declared.get(person.pin, {}))
        if member["status"] == "studies":
            # The form asks a student where they study.
            member["institution"] = person.studies[-1].institution
        members.append(member)
    people = household.members
    applicant = household.applicant
    utility_total = sum(
        (m.charged for a in household.utilities for y, mo in months if (m := a.month(y, mo))),
        Decimal(0),
    )
    phone_total = sum(
        (
            bill
            for p in people
            for s in p.subscriptions
            for y, mo in months
            if (bill := s.bill(y, mo))
        ),
        Decimal(0),
    )
    return {
        "applicant_pin": applicant.pin,
        "id_card_number": applicant.id_card.number if applicant.id_card else None,
        "address": household.address.line(),
        "members": members,
        "vehicles": [
            {
                "plate": v.plate,
                "make": v.make,
                "model": v.model,
                "year": v.year,
                "state_provided": bool(v.state_programme),
            }
            for p in people
            for v in p.vehicles
        ],
        "dwellings": [
            {"address": d.address.line(), "area_m2": str(d.total_area), "purpose": d.purpose}
            for p in people
            for d in p.dwellings
        ],
        "land_hectares": str(
            sum((s.hectares for p in people for s in p.land_shares), Decimal("0.00"))
        ),
        "monthly_utility_costs": str(((utility_total + phone_total) / 12).quantize(CENT)),
        "feedback": {"channel": "sms", "mobile": applicant.mobile},
    }


def can_apply(household: Household, on: date) -> bool:
    """Only an adult applicant, alive, declares for a family."""
    applicant = household.applicant
    return applicant.alive_on(on) and applicant.age(on) >= 18


def population_declarations(population: Population, on: date, start: int, count: int) -> list:
    """The declarations of the population's households `start` to `start + count - 1` whose
    applicant can apply, each with its household's index: the same for the same seed, size and
    day, however the range is cut into pages."""
    found = []
    for index in range(start, min(start + count, population.size)):
        household = population.household(index)
        if can_apply(household, on):
            found.append({"household": index, "declaration": household_declaration(household, on)})
    return found


def as_dict(scenario: Scenario, on: date) -> dict:
    household = scenario.household
    return {
        "number": scenario.number,
        "name": scenario.name,
        "description": scenario.description,
        "expected": scenario.expected,
        "reason": scenario.reason,
        "affects": list(scenario.affects),
        "declared": scenario.declared,
        "registries_say": scenario.registries_say,
        "fault": (
            {
                "registry": scenario.fault.registry,
                "kind": scenario.fault.kind,
                "pin": household.applicant.pin,
            }
            if scenario.fault
            else None
        ),
        "applicant_pin": household.applicant.pin,
        "members": [
            {
                "pin": p.pin,
                "full_name": p.full_name,
                "relation": p.relation,
                "birth_date": p.birth_date.isoformat(),
            }
            for p in household.members
        ],
        "declaration": declaration(scenario, on),
    }
