"""Declarations for the load run: families of the registry mocks' population, as their applicants
fill in the seeded declaration form, so every registry knows every person.

The mocks serve what each family would declare over HTTP (`GET …/population/declarations`, and
the scenario table at `GET …/scenarios`); nothing here imports them. Most declarations come from
the generated population (households 0, 1, 2, …, as their lives make them, though mostly those
who expect to qualify apply); one in `SCENARIO_EVERY` is a scenario family
(docs/registry-mocks.md), so every refusal ground and every flag is reached. Scenario families
are fixed persons: each is used at most once per run (one open application per applicant).
"""

import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import httpx

# One declaration in this many is a scenario family, while scenarios last.
SCENARIO_EVERY = 10
# Families apply when they expect to qualify: every household whose declared income per person
# is under the need criterion applies, and this share of the others (so refusals still come).
NEED_CRITERION = Decimal(300)  # AZN per person a month, 2026
OTHERS_APPLY = 0.25
# Households a page of the mocks' population covers (pages are fetched in parallel).
PAGE = 500

# The mocks' words for a member's situation, in the seeded form's options.
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
}
# The mocks give each member's average monthly income, not its kind; casework compares totals.
INCOME_TYPE = {"works": "salary", "pensioner": "pension", "disabled": "pension"}


def form_answers(declared: dict) -> dict:
    """The seeded declaration form's answers (tests/forms_app/declaration.py ANSWERS shows the
    format) for what an applicant declares, as the mocks give it (a scenario's `declaration`, or
    a household's from `…/population/declarations`)."""
    applicant, *others = declared["members"]
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
        "id_card_number": declared["id_card_number"],
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
                **({"institution": m["institution"]} if "institution" in m else {}),
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
    mocks: httpx.Client, on: date, count: int, parallel: int = 1, page: int = PAGE
) -> Iterator[tuple[str, dict]]:
    """`count` declarations as (label, answers) from the mocks (`mocks`: a client whose base URL
    is theirs): population households in order, with a scenario family every SCENARIO_EVERY
    while the scenarios last. The same whatever `parallel` (pages fetched at a time) and
    `page` (households a page)."""
    table = _get(mocks, "scenarios", as_of=on.isoformat())["scenarios"]
    # The fault scenarios misbehave at their registry whatever the run does: left out, so a case
    # flagged in a run is flagged by the rules or by the run's own faults.
    scenarios = sorted((s for s in table if s["fault"] is None), key=lambda s: s["number"])
    # Flags, refusals and grants among the first few, whatever the run's size.
    random.Random(0).shuffle(scenarios)
    households = _applying_households(mocks, on, parallel, page)
    made = 0
    while made < count:
        if scenarios and made % SCENARIO_EVERY == SCENARIO_EVERY - 1:
            scenario = scenarios.pop(0)
            yield f"scenario:{scenario['name']}", form_answers(scenario["declaration"])
        else:
            index, answers = next(households, (None, None))
            if index is None:
                raise ValueError("the mocks' population has too few households for the run")
            yield f"household:{index}", answers
        made += 1


def _applying_households(mocks, on, parallel, page) -> Iterator[tuple[int, dict]]:
    """(index, answers) of the households that apply, in order, `parallel` pages at a time
    (the population is larger than the run needs)."""

    def fetch(start):
        params = {"start": start, "count": page, "as_of": on.isoformat()}
        return _get(mocks, "population/declarations", **params)

    with ThreadPoolExecutor(parallel) as pool:
        start = 0
        while start is not None:
            for fetched in list(pool.map(fetch, range(start, start + parallel * page, page))):
                for family in fetched["declarations"]:
                    if _applies(family["household"], family["declaration"]):
                        yield family["household"], form_answers(family["declaration"])
                start = fetched["next"]
                if start is None:
                    break


def _get(mocks: httpx.Client, path: str, **params) -> dict:
    response = mocks.get(path, params=params)
    response.raise_for_status()
    return response.json()


def _applies(index: int, declared: dict) -> bool:
    """A family with a mobile number (the form's notices go by SMS) that expects to qualify, or
    one in OTHERS_APPLY of the others (the same ones in every run)."""
    if not declared["feedback"]["mobile"]:
        return False
    members = declared["members"]
    income = sum(Decimal(m["monthly_income"]) for m in members)
    expects_to_qualify = income < NEED_CRITERION * len(members)
    return expects_to_qualify or random.Random(index).random() <= OTHERS_APPLY
