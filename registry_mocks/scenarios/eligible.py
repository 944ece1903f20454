"""Scenarios the rules find eligible: the clean family, and what looks like a ground for refusal
but is not: a valid reason not to work (ground 5), a rehabilitation car (ground 4), an
entrepreneur's income below the criterion."""

from datetime import date

from .. import data, identifiers
from ..building import money
from ..people import (
    Benefit,
    Business,
    Disability,
    Imprisonment,
    MilitaryService,
    Pension,
    Study,
    Unemployment,
)
from .catalogue import scenario

CLEAN = "the family's declaration matches every registry"


@scenario(
    1,
    "eligible",
    "Eligible family that passes cleanly",
    affects=[],
    declared="4 members; the father earns 450 AZN a month; no vehicle; one flat",
    registries_say=CLEAN,
    expected="eligible",
    reason="income 450 AZN < 4 × need criterion; every member has a valid status",
)
def _eligible(family):
    pass


@scenario(
    4,
    "rehabilitation_vehicle",
    "A disabled grandfather has a car the state gave him",
    affects=["vehicles", "disability", "sspf"],
    declared="5 members; the grandfather (group 1 disability) has a Lada Granta from the state",
    registries_say=(
        "road police: Lada Granta flagged REHABILITATION; disability group 1; pension 400 AZN"
    ),
    expected="eligible",
    reason="a vehicle the state gave for rehabilitation is not counted (ground 4)",
)
def _rehabilitation_vehicle(family):
    grandfather = family.add("father", "M", date(1964, 3, 3), given_name=family.father.father_name)
    grandfather.military = MilitaryService("EXEMPT")
    grandfather.disability = Disability(
        1, "ümumi xəstəlik", "TSEK-2019-40412", date(2019, 10, 8), None
    )
    grandfather.pensions.append(Pension("DISABILITY", money(400), date(2019, 11, 1)))
    family.vehicle(
        grandfather,
        "99-AR-605",
        "Lada",
        "Granta",
        2021,
        date(2022, 3, 15),
        right="OWNER",
        state_programme="REHABILITATION",
    )


@scenario(
    12,
    "registered_unemployed",
    "The father lost his job and registered as unemployed",
    affects=["employment", "labour"],
    declared="the father is registered unemployed since May",
    registries_say="e-labour: contract ended 2026-04-30; employment agency: registered 2026-05-12",
    expected="eligible",
    reason="registration as unemployed is a valid reason (ground 5)",
)
def _registered_unemployed(family):
    family.end_job(family.father, date(2026, 4, 30))
    family.father.unemployment = Unemployment("Sabunçu rayonu Məşğulluq Mərkəzi", date(2026, 5, 12))


@scenario(
    13,
    "unemployment_insurance",
    "The father receives unemployment insurance",
    affects=["employment", "labour"],
    declared="the father receives 490 AZN unemployment insurance",
    registries_say="employment agency: insurance 490 AZN a month from 2026-09-08 to 2027-03-07",
    expected="eligible",
    reason="unemployment insurance is a valid reason (ground 5)",
)
def _unemployment_insurance(family):
    family.end_job(family.father, date(2026, 8, 31))
    family.father.unemployment = Unemployment(
        "Sabunçu rayonu Məşğulluq Mərkəzi",
        date(2026, 9, 8),
        insurance_monthly=money(490),
        insurance_from=date(2026, 9, 8),
        insurance_to=date(2027, 3, 7),
    )


@scenario(
    14,
    "student_under_23",
    "A son of 20 studies full-time",
    affects=["education", "military"],
    declared="the son (20) is a full-time student at BDU",
    registries_say="education: full-time bachelor's student, year 3; military: deferred",
    expected="eligible",
    reason="full-time study up to 23 is a valid reason (ground 5)",
    older_family=True,
)
def _student_under_23(family):
    son = family.add("son", "M", date(2006, 3, 9), father=family.father)
    son.studies.append(
        Study(
            "Bakı Dövlət Universiteti",
            "BACHELOR",
            "Tətbiqi riyaziyyat",
            True,
            date(2024, 9, 15),
            date(2028, 6, 30),
            3,
            money(85),
        )
    )
    son.military = MilitaryService("DEFERRED")


@scenario(
    16,
    "serving_soldier",
    "A son serves in the army",
    affects=["military"],
    declared="the son (19) is a conscript",
    registries_say="military: serving since 2025-10-15, until 2027-04-15",
    expected="eligible",
    reason="military service is a valid reason (ground 5)",
    older_family=True,
)
def _serving_soldier(family):
    son = family.add("son", "M", date(2007, 1, 20), father=family.father)
    son.military = MilitaryService(
        "SERVING", "CONSCRIPT", "N saylı hərbi hissə 21734", date(2025, 10, 15), date(2027, 4, 15)
    )


@scenario(
    17,
    "imprisoned_member",
    "A son is in prison",
    affects=["penitentiary"],
    declared="the son (23) is serving a sentence",
    registries_say="penitentiary: in custody since 2025-03-04, release due 2028-03-03",
    expected="eligible",
    reason="imprisonment is a valid reason (ground 5)",
    older_family=True,
)
def _imprisoned_member(family):
    son = family.add("son", "M", date(2003, 5, 30), father=family.father)
    son.imprisonments.append(
        Imprisonment(data.PENITENTIARY_INSTITUTIONS[1], date(2025, 3, 4), date(2028, 3, 3))
    )


@scenario(
    18,
    "disabled_child",
    "The son is a disabled child",
    affects=["disability", "sspf"],
    declared="the son (12) has limited health abilities; the mother cares for him",
    registries_say=(
        "medical-social expertise: under-18 disability until 2027-09-30; benefit 200 AZN"
    ),
    expected="eligible",
    reason="caring for a disabled person is a valid reason (ground 5)",
)
def _disabled_child(family):
    family.son.disability = Disability(
        None, "uşaqlıqdan əlillik", "TSEK-2024-18231", date(2024, 10, 1), date(2027, 9, 30)
    )
    family.son.benefits.append(Benefit("DISABLED_CHILD", money(200), date(2024, 10, 1)))


@scenario(
    19,
    "entrepreneur",
    "The father is an individual entrepreneur on simplified tax",
    affects=["tax"],
    declared="the father runs a taxi, about 420 AZN income a month",
    registries_say="tax: VÖEN registered 2023-03-01, simplified tax, turnover 1,200 AZN a month",
    expected="eligible",
    reason="entrepreneurship is work; income below the criterion",
)
def _entrepreneur(family):
    family.end_job(family.father, date(2023, 2, 28))
    number = identifiers.person_number(family.index, 0)
    family.father.business = Business(
        identifiers.entrepreneur_voen(number),
        "Taksi xidməti",
        date(2023, 3, 1),
        "SIMPLIFIED",
        money(1200),
        money(420),
    )
