"""The facts the rules are given about one family: read from the registries' snapshot of the
household and from the declaration, in the rules' own terms (input variables, amounts in
qəpiks). Stored whole with the decision, so it can be replayed and explained.

`inputs` are what the formulas read; `evidence` is what a person needs to follow a refusal (names,
plates, addresses, payers), which the formulas don't need.
"""

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from ..declaration import Declaration
from ..registries.household import Household
from .variables.income import INCOME_SOURCES

APPLICANT, MEMBER = "applicant", "member"

# What the registries call an income's kind → the rules' income source.
SOURCE_OF_KIND = {kind: kind for kind in INCOME_SOURCES}

PERSON_FLAGS = [
    "employed",
    "entrepreneur",
    "pensioner",
    "registered_unemployed",
    "unemployment_insurance",
    "full_time_student",
    "in_military_service",
    "imprisoned",
]


def qepiks(amount) -> int:
    return int((Decimal(amount) * 100).to_integral_value())


@dataclass
class Facts:
    application_date: date
    # [{"id": PIN, "role": applicant|member, "inputs": {variable: value}, "months":
    #   {variable: {"YYYY-MM": value}}}]
    persons: list[dict] = field(default_factory=list)
    family: dict = field(default_factory=dict)  # {variable: value}
    evidence: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        data = asdict(self)
        data["application_date"] = self.application_date.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Facts":
        return cls(
            application_date=date.fromisoformat(data["application_date"]),
            persons=data["persons"],
            family=data["family"],
            evidence=data.get("evidence", {}),
        )

    def with_overrides(self, overrides: dict) -> "Facts":
        """The same facts with some inputs settled otherwise by a caseworker:
        `{"person:<PIN>:<variable>": value, "family:<variable>": value}`."""
        copy = Facts.from_json(self.as_json())
        people = {p["id"]: p for p in copy.persons}
        for key, value in overrides.items():
            scope, *path = key.split(":")
            if scope == "family" and len(path) == 1 and path[0] in copy.family:
                copy.family[path[0]] = value
            elif (
                scope == "person"
                and len(path) == 2
                and path[0] in people
                and path[1] in people[path[0]]["inputs"]
            ):
                people[path[0]]["inputs"][path[1]] = value
            else:
                raise KeyError(f"no input {key!r} in these facts")
        return copy


def gather_facts(
    declaration: Declaration,
    household: Household,
    *,
    application_date: date,
    carer_statuses: tuple[str, ...] = ("carer",),
    undeclared_vehicles: int = 0,
    refused_for_false_information_on: date | None = None,
) -> Facts:
    """The rules' inputs for one family: the registries' facts where they have them (incomes,
    statuses, property, bills), the declaration's where the law asks what was declared."""
    declared_income = Counter()
    for income in declaration.incomes:
        declared_income[income.pin] += income.total_12_months
    persons = []
    for person in declaration.everyone:
        found = household.member(person.pin)
        months: dict[str, dict[str, int]] = {}
        for income in found.incomes if found else []:
            variable = f"income_{SOURCE_OF_KIND.get(income.kind, 'other')}"
            for month, paid in income.months.items():
                by_month = months.setdefault(variable, {})
                by_month[month] = by_month.get(month, 0) + qepiks(paid)
        birth = (found.birth_date if found else None) or person.birth_date
        inputs = {
            "birth_date": birth.isoformat() if birth else None,
            "counted_in_family": True,
            "declared_income_12_months": qepiks(declared_income[person.pin]),
            "declared_carer": person.status in carer_statuses,
            "disabled": bool(found and found.disability_group),
            "refused_job_offers": found.refused_suitable_offers if found else 0,
            **{flag: bool(found and getattr(found, flag)) for flag in PERSON_FLAGS},
        }
        persons.append(
            {
                "id": person.pin,
                "role": APPLICANT if person is declaration.applicant else MEMBER,
                "inputs": inputs,
                "months": months,
            }
        )
    return Facts(
        application_date=application_date,
        persons=persons,
        family=_family_inputs(
            declaration, household, undeclared_vehicles, refused_for_false_information_on
        ),
        evidence=_evidence(declaration, household),
    )


def _family_inputs(declaration, household, undeclared_vehicles, refused_on) -> dict:
    by_purpose = Counter()
    for purpose in {(d.purpose, d.address) for d in household.dwellings}:
        by_purpose[purpose[0]] += 1
    return {
        "registry_vehicles": sum(
            not v.given_by_state_for_rehabilitation for v in household.vehicles
        ),
        "declared_vehicles": sum(not v.given_by_state for v in declaration.vehicles),
        "undeclared_vehicles": undeclared_vehicles,
        "registry_residential_dwellings": by_purpose.get("residential", 0),
        "declared_dwellings": declaration.dwellings_count,
        "registry_dwellings_of_one_purpose": max(by_purpose.values(), default=0),
        "deals_12_months": qepiks(sum((d.amount for d in household.deals), Decimal("0"))),
        "registry_utility_costs": qepiks(household.utilities_monthly),
        "declared_utility_costs": qepiks(declaration.utilities_monthly),
        "registry_communication_costs": qepiks(household.communications_monthly),
        "declared_communication_costs": qepiks(declaration.communications_monthly),
        "refused_for_false_information_on": refused_on.isoformat() if refused_on else None,
    }


def _evidence(declaration: Declaration, household: Household) -> dict:
    """What the explanation of a refusal shows beside the numbers."""
    names = {}
    for person in declaration.everyone:
        found = household.member(person.pin)
        name = " ".join(
            part for part in ((found.name, found.surname) if found else ()) if part
        ) or " ".join(part for part in (person.name, person.surname) if part)
        names[person.pin] = name or person.pin
    return {
        "names": names,
        "payers": {
            m.pin: sorted({f"{i.payer}" for i in m.incomes}) for m in household.members if m.incomes
        },
        "vehicles": [
            f"{v.plate} {v.make} {v.year or ''}".strip()
            for v in household.vehicles
            if not v.given_by_state_for_rehabilitation
        ],
        "dwellings": [{"address": d.address, "purpose": d.purpose} for d in household.dwellings],
        "deals": [
            {"kind": d.kind, "amount": str(d.amount), "day": d.day.isoformat() if d.day else ""}
            for d in household.deals
        ],
    }
