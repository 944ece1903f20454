"""Scenarios a caseworker decides (flagged): a declared member who died, lives elsewhere or is
unknown to the civil registry, and another open application for the same family."""

from datetime import date

from .. import data
from ..building import address, address_id, money
from ..people import AssistanceApplication, Pension
from .catalogue import scenario


@scenario(
    20,
    "member_died",
    "A declared grandmother has died",
    affects=["civil", "sspf"],
    declared="5 members, the grandmother among them",
    registries_say=(
        "civil registry: the grandmother died on 2026-08-14; her pension stopped in August"
    ),
    expected="flagged",
    reason="a declared member has died: a caseworker decides",
)
def _member_died(family):
    grandmother = family.add("mother", "F", date(1950, 12, 1))
    grandmother.death_date = date(2026, 8, 14)
    grandmother.pensions.append(
        Pension("AGE", money(340), date(2014, 12, 1), ended_on=date(2026, 8, 31))
    )
    family.declare(grandmother, status="pensioner")


@scenario(
    21,
    "member_elsewhere",
    "The grandfather is registered at another address",
    affects=["address"],
    declared="5 members living together, the grandfather among them",
    registries_say="address registration: the grandfather is registered in Xətai rayonu",
    expected="flagged",
    reason="a member registered at another address: a caseworker decides",
)
def _member_elsewhere(family):
    grandfather = family.add("father", "M", date(1956, 6, 21), given_name=family.father.father_name)
    grandfather.pensions.append(Pension("AGE", money(360), date(2021, 6, 21)))
    place = next(p for p in data.PLACES if p.district == "Xətai rayonu")
    grandfather.registered_address = address(family.rng, address_id(family.index, 1), place)


@scenario(
    22,
    "member_unknown",
    "A declared child is unknown to the civil registry",
    affects=["civil", "idcard", "address"],
    declared="a third child, a son of 3",
    registries_say="civil registry, ID cards and address registration: no such PIN",
    expected="flagged",
    reason="a member unknown to the civil registry: a caseworker decides",
)
def _member_unknown(family):
    child = family.add("son", "M", date(2023, 7, 1), father=family.father)
    child.in_civil_registry = False
    child.id_card = None


@scenario(
    23,
    "open_application",
    "The family has another open application",
    affects=["assistance"],
    declared="no other application",
    registries_say=(
        "targeted assistance: application ÜDSY-2026-418207 submitted 2026-11-12 by the mother, open"
    ),
    expected="flagged",
    reason="a second open application for the same family",
)
def _open_application(family):
    for person in family.household.members:
        role = "APPLICANT" if person is family.mother else "MEMBER"
        person.assistance.append(
            AssistanceApplication("ÜDSY-2026-418207", date(2026, 11, 12), role, "OPEN")
        )
