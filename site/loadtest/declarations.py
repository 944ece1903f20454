"""Declarations for the load run: families of the registry mocks' population, as their applicants
fill in the seeded declaration form, so every registry knows every person.

Most come from the generated population (households 0, 1, 2, …, as their lives make them,
though mostly those who expect to qualify apply); one in `SCENARIO_EVERY` is a scenario family
(docs/registry-mocks.md), so every refusal ground and every flag is reached. Scenario families
are fixed persons: each is used at most once per run (one open application per applicant).
"""

import multiprocessing
import random
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from registry_mocks.declarations import household_declaration
from registry_mocks.people import Household
from registry_mocks.population import Population
from registry_mocks.scenarios import SCENARIOS, built_family

# One declaration in this many is a scenario family, while scenarios last.
SCENARIO_EVERY = 10
# Families apply when they expect to qualify: every household whose declared income per person
# is under the need criterion applies, and this share of the others (so refusals still come).
NEED_CRITERION = Decimal(300)  # AZN per person a month, 2026
OTHERS_APPLY = 0.25
# The fault scenarios misbehave at their registry whatever the run does: left out, so a case
# flagged in a run is flagged by the rules or by the run's own faults.
FAULT_SCENARIOS = {s.number for s in SCENARIOS.values() if s.fault}

# The scenario table's words for a member's situation, in the seeded form's options.
FORM_STATUS = {
    "works": "working",
    "studies": "student",
    "pensioner": "pensioner",
    "disabled": "disabled",
    "registered_unemployed": "unemployed",
    "unemployment_insurance": "unemployed",
    "cares_for_disabled": "carer",
    "cares_for_child_under_8": "carer",
    "child": "child",
    "military_service": "military",
    "imprisoned": "other",
    "none": "other",
}
FORM_RELATION = {
    "spouse": "spouse",
    "son": "child",
    "daughter": "child",
    "mother": "parent",
    "father": "parent",
    "mother-in-law": "other",
    "father-in-law": "other",
}
# The table gives each member's average monthly income, not its kind; casework compares totals.
INCOME_TYPE = {"works": "salary", "pensioner": "pension", "disabled": "pension"}


def form_answers(household: Household, declared: dict) -> dict:
    """The seeded declaration form's answers for what a household's applicant declares
    (`registry_mocks.declarations.household_declaration`)."""
    applicant, *others = declared["members"]
    people = {person.pin: person for person in household.members}
    incomes = [
        {
            "member_pin": m["pin"],
            "type": INCOME_TYPE.get(m["status"], "other"),
            "amount_12_months": str(Decimal(m["monthly_income"]) * 12),
        }
        for m in declared["members"]
        if Decimal(m["monthly_income"])
    ]
    vehicles = [
        {"plate": v["plate"], "given_by_state": v["state_provided"]} for v in declared["vehicles"]
    ]
    answers = {
        "pin": applicant["pin"],
        "id_card_number": household.applicant.id_card.number,
        "last_name": applicant["surname"],
        "first_name": applicant["given_name"],
        "patronymic": applicant["patronymic"],
        "birth_date": applicant["birth_date"],
        "registered_address": declared["address"],
        "lives_at_registered_address": True,
        "mobile": declared["feedback"]["mobile"],
        "applicant_status": FORM_STATUS[applicant["status"]],
        "family_members": [
            {
                "pin": m["pin"],
                "last_name": m["surname"],
                "first_name": m["given_name"],
                "patronymic": m["patronymic"],
                "birth_date": m["birth_date"],
                "relation": FORM_RELATION.get(m["relation"], "other"),
                "status": FORM_STATUS[m["status"]],
                # The form asks a student where they study.
                **(
                    {"institution": people[m["pin"]].studies[-1].institution}
                    if m["status"] == "studies"
                    else {}
                ),
            }
            for m in others
        ],
        "has_income": bool(incomes),
        "dwellings_count": sum(d["purpose"] == "RESIDENTIAL" for d in declared["dwellings"]),
        "land_hectares": declared["land_hectares"],
        "has_vehicle": bool(vehicles),
        # The mocks give one monthly figure for utilities and phones together.
        "electricity_monthly": declared["monthly_utility_costs"],
        "gas_monthly": "0",
        "water_monthly": "0",
        "communication_monthly": "0",
        "feedback_channel": "sms",
        "feedback_mobile": declared["feedback"]["mobile"],
        "truthful": True,
        "data_processing": True,
    }
    if incomes:
        answers["incomes"] = incomes
    if vehicles:
        answers["vehicles"] = vehicles
    return answers


def declarations(
    population: Population, on: date, count: int, processes: int = 1, chunk: int = 500
) -> Iterator[tuple[str, dict]]:
    """`count` declarations as (label, answers): population households in order, with a scenario
    family every SCENARIO_EVERY while the scenarios last. Households whose applicant has no
    mobile or is under age are skipped (the form would refuse them). `processes` > 1 draws the
    households in that many processes (about 5 ms each: 42,000 take minutes in one)."""
    scenarios = [s for n, s in sorted(SCENARIOS.items()) if n not in FAULT_SCENARIOS]
    # Flags, refusals and grants among the first few, whatever the run's size.
    random.Random(0).shuffle(scenarios)
    households = _applying_households(population, on, processes, chunk)
    made = 0
    while made < count:
        if scenarios and made % SCENARIO_EVERY == SCENARIO_EVERY - 1:
            scenario = scenarios.pop(0)
            declared = household_declaration(
                scenario.household, on, declared=built_family(scenario.number).declared
            )
            yield f"scenario:{scenario.name}", form_answers(scenario.household, declared)
        else:
            index, answers = next(households, (None, None))
            if index is None:
                raise ValueError(f"the population has {population.size} households: too few")
            yield f"household:{index}", answers
        made += 1


def _applying_households(population, on, processes, chunk) -> Iterator[tuple[int, dict]]:
    """(index, answers) of the households that apply, in order, drawn `chunk` at a time."""
    chunks = [
        (population.seed, population.size, on, start, min(start + chunk, population.size))
        for start in range(0, population.size, chunk)
    ]
    if processes <= 1:  # one at a time: a small run draws only what it needs
        yield from _applying(population, on, 0, population.size)
        return
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        # A few chunks at a time: the population is larger than the run needs.
        for first in range(0, len(chunks), processes):
            for found in pool.map(_applying_in, chunks[first : first + processes]):
                yield from found


def _applying_in(chunk) -> list[tuple[int, dict]]:
    seed, size, on, start, stop = chunk
    return list(_applying(Population(seed, size), on, start, stop))


def _applying(population, on, start, stop) -> Iterator[tuple[int, dict]]:
    """The households of indices [start, stop) that apply, with their answers."""
    for index in range(start, stop):
        household = population.household(index)
        if not _can_apply(household, on):
            continue
        declared = household_declaration(household, on)
        if not _expects_to_qualify(declared) and random.Random(index).random() > OTHERS_APPLY:
            continue
        yield index, form_answers(household, declared)


def _expects_to_qualify(declared: dict) -> bool:
    members = declared["members"]
    income = sum(Decimal(m["monthly_income"]) for m in members)
    return income < NEED_CRITERION * len(members)


def _can_apply(household: Household, on: date) -> bool:
    applicant = household.applicant
    return bool(applicant.mobile) and applicant.age(on) >= 18 and applicant.alive_on(on)
