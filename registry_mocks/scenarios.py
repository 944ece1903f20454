"""Scenario households: one for every edge case the eligibility rules care about, at fixed PINs.

Each scenario starts from the same clean, eligible family (a working father, a mother at home
with a child under 8, a schoolboy) or, where an adult child is the point, from an older family,
and changes one thing. Scenario number N lives at household index SCENARIO_INDEX_BASE + N,
above any generated household, so its PINs never change with the seed or the population's size.
Numbers are never reused: add new scenarios at the end.

The household builder is family.py; what each applicant declares, and the scenario table, are in
declarations.py.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from . import data, identifiers
from .building import (
    address,
    address_id,
    bank_account,
    money,
    stranger_name,
)
from .family import Family
from .people import (
    AssistanceApplication,
    Benefit,
    Business,
    Disability,
    Household,
    Imprisonment,
    JobOffer,
    MilitaryService,
    Pension,
    Study,
    Subscription,
    Unemployment,
)
from .population import SCENARIO_INDEX_BASE

FAULT_KINDS = ("timeout", "error", "malformed", "slow")


@dataclass(frozen=True)
class Fault:
    """A registry that misbehaves whenever it is asked about this scenario's applicant."""

    registry: str
    kind: str  # one of FAULT_KINDS


@dataclass(frozen=True)
class Scenario:
    number: int
    name: str
    description: str
    affects: tuple[str, ...]  # registry codes whose answer carries the point of the scenario
    declared: str  # what the applicant says…
    registries_say: str  # …and what the registries say
    expected: str  # "eligible", "refused" or "flagged"
    reason: str
    build: Callable
    older_family: bool = False
    fault: Fault | None = None

    @property
    def household_index(self) -> int:
        return SCENARIO_INDEX_BASE + self.number

    @property
    def household(self) -> Household:
        return scenario_household(self.number)

    @property
    def pins(self) -> list[str]:
        """The household's PINs, the applicant's first."""
        return [person.pin for person in self.household.members]


SCENARIOS: dict[int, Scenario] = {}


def scenario(
    number, name, description, *, affects, declared, registries_say, expected, reason, **extra
):
    """Register the decorated function as the builder of scenario `number`."""

    def register(build):
        if number in SCENARIOS or not 0 < number < 1000:
            raise ValueError(f"scenario number {number} is taken or out of range")
        SCENARIOS[number] = Scenario(
            number,
            name,
            description,
            tuple(affects),
            declared,
            registries_say,
            expected,
            reason,
            build,
            **extra,
        )
        return build

    return register


def by_name(name: str) -> Scenario:
    return next(s for s in SCENARIOS.values() if s.name == name)


@cache
def built_family(number: int) -> Family | None:
    scenario = SCENARIOS.get(number)
    if scenario is None:
        return None
    family = Family(scenario)
    scenario.build(family)
    return family


def scenario_household(number: int) -> Household | None:
    family = built_family(number)
    return family.household if family else None


def fault_for(registry_code: str, pins) -> str | None:
    """The deliberate fault this registry shows when asked about a fault scenario's applicant
    (member 0); for several PINs the worst fault wins."""
    kinds = set()
    for pin in pins:
        try:
            index, member_index = identifiers.decode_pin(pin)
        except ValueError:
            continue
        scenario = SCENARIOS.get(index - SCENARIO_INDEX_BASE)
        if (
            member_index == 0
            and scenario
            and scenario.fault
            and scenario.fault.registry == registry_code
        ):
            kinds.add(scenario.fault.kind)
    return next((kind for kind in FAULT_KINDS if kind in kinds), None)


# The scenarios. Each builds on Family's baseline; keep the numbers stable.

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
    2,
    "vehicle_owner",
    "The father owns a car",
    affects=["vehicles", "notary"],
    declared="the car, a 2015 Toyota Prius",
    registries_say="road police: Toyota Prius 10-RT-482 owned by the father since 2022",
    expected="refused",
    reason="ground 4: the family owns a vehicle",
)
def _vehicle_owner(family):
    bought = date(2022, 4, 18)
    family.vehicle(family.father, "10-RT-482", "Toyota", "Prius", 2015, bought, right="OWNER")
    family.deed(
        family.father,
        signed_on=bought,
        kind="PURCHASE",
        role="BUYER",
        subject="VEHICLE",
        description="Toyota Prius, 2015",
        amount=19500,
        counterparty=stranger_name(family.rng, "M"),
    )


@scenario(
    3,
    "vehicle_by_proxy",
    "The father drives a car on a power of attorney",
    affects=["vehicles", "notary"],
    declared="no vehicle of their own",
    registries_say="road police: Hyundai Accent 90-KD-317 used by the father on a notarised proxy",
    expected="refused",
    reason="ground 4: the family uses a vehicle",
)
def _vehicle_by_proxy(family):
    signed = date(2025, 2, 3)
    family.vehicle(
        family.father, "90-KD-317", "Hyundai", "Accent", 2011, signed, right="POWER_OF_ATTORNEY"
    )
    family.deed(
        family.father,
        signed_on=signed,
        kind="POWER_OF_ATTORNEY",
        role="ATTORNEY",
        subject="VEHICLE",
        description="Hyundai Accent, 2011: idarəetmə hüququ",
        amount=0,
        counterparty=stranger_name(family.rng, "M"),
    )


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
    5,
    "undeclared_salary",
    "The mother's salary is not declared",
    affects=["labour", "tax", "sspf", "banks"],
    declared="the mother stays at home with the children, no income",
    registries_say="e-labour: contract at Bravo Supermarket since 2025-06-02, 620 AZN a month",
    expected="refused",
    reason="ground 1: an undeclared salary (the evidence is the labour contract)",
)
def _undeclared_salary(family):
    family.employ(
        family.mother, "Bravo Supermarket MMC", "620", date(2025, 6, 2), position="kassir"
    )
    family.declare(family.mother, status="cares_for_child_under_8", monthly_income="0.00")


@scenario(
    6,
    "high_income",
    "Both parents earn well",
    affects=["labour", "tax"],
    declared="the father earns 1,450 AZN, the mother 900 AZN",
    registries_say="e-labour and tax: the same salaries",
    expected="refused",
    reason="ground 2: average income 2,350 AZN ≥ 4 × need criterion",
)
def _high_income(family):
    family.end_job(family.father, date(2023, 12, 31))
    family.employ(family.father, "Kapital Bank ASC", "1450", date(2024, 1, 15), position="mühasib")
    family.employ(
        family.mother, "Respublika Klinik Xəstəxanası", "900", date(2020, 9, 1), position="həkim"
    )


@scenario(
    7,
    "large_deals",
    "The mother sold a flat this year",
    affects=["notary", "banks"],
    declared="no purchases or sales",
    registries_say=(
        "notary: sale of a flat in Gəncə on 2026-06-18 for 68,000 AZN; a deposit of 60,000 AZN"
    ),
    expected="refused",
    reason="ground 3: sales in the last 12 months above 12 × subsistence minimum",
)
def _large_deals(family):
    family.deed(
        family.mother,
        signed_on=date(2026, 6, 18),
        kind="SALE",
        role="SELLER",
        subject="APARTMENT",
        description="Gəncə şəhəri, Cavadxan küçəsi, ev 41, mənzil 9",
        amount=68000,
        counterparty=stranger_name(family.rng, "F"),
    )
    family.mother.bank_accounts.append(
        bank_account(family.rng, kind="DEPOSIT", opened_on=date(2026, 6, 20), balance=60000)
    )


@scenario(
    8,
    "high_utilities",
    "Very high utility and phone bills",
    affects=["utilities", "communications"],
    declared="utility costs of about 220 AZN a month",
    registries_say="Azərişıq ~950 kWh, Azəriqaz ~260 m³, Azərsu ~20 m³ a month; internet 45 AZN",
    expected="refused",
    reason="ground 6: utility and communication costs per person ≥ 15% of the subsistence minimum",
)
def _high_utilities(family):
    family.household.utilities = family.utilities(electricity=950, gas=260, water=20)
    family.father.subscriptions.append(
        Subscription("Baktelekom", "+994124471188", "INTERNET", date(2020, 5, 1), money(45))
    )


@scenario(
    9,
    "two_dwellings",
    "The father owns a second flat",
    affects=["realestate"],
    declared="two flats: the home and an inherited one in Nərimanov",
    registries_say="real estate: two residential flats at different addresses",
    expected="refused",
    reason="ground 7: two dwellings of the same purpose at different addresses",
)
def _two_dwellings(family):
    place = next(p for p in data.PLACES if p.district == "Nərimanov rayonu")
    other = address(family.rng, address_id(family.index, 1), place)
    family.dwelling(family.father, other, acquired_on=date(2019, 2, 14), area="71")


@scenario(
    10,
    "idle_member",
    "An adult son with no job and no reason",
    affects=["labour", "employment", "education", "military", "tax"],
    declared="the son (27) does not work",
    registries_say="no contract, registration, studies, disability or service anywhere",
    expected="refused",
    reason="ground 5: an able-bodied member of working age without a valid reason",
    older_family=True,
)
def _idle_member(family):
    family.add("son", "M", date(1999, 8, 30), father=family.father)


@scenario(
    11,
    "refused_job_offers",
    "A registered unemployed son refused two job offers",
    affects=["employment"],
    declared="the son (26) is registered unemployed",
    registries_say=(
        "employment agency: registered since 2026-01-15; refused offers on 2026-03-10 and "
        "2026-06-02"
    ),
    expected="refused",
    reason="ground 5: refused two suitable job offers",
    older_family=True,
)
def _refused_job_offers(family):
    son = family.add("son", "M", date(2000, 4, 17), father=family.father)
    son.unemployment = Unemployment(
        "Sabunçu rayonu Məşğulluq Mərkəzi",
        date(2026, 1, 15),
        offers=[
            JobOffer(date(2026, 3, 10), "Bravo Supermarket MMC", "satıcı", money(550), "REFUSED"),
            JobOffer(date(2026, 6, 2), "Araz Supermarket MMC", "kassir", money(520), "REFUSED"),
        ],
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
    15,
    "student_over_23",
    "A son of 24 studies full-time",
    affects=["education"],
    declared="the son (24) is a full-time master's student",
    registries_say="education: full-time master's student, year 2",
    expected="refused",
    reason="ground 5: full-time study counts only up to 23",
    older_family=True,
)
def _student_over_23(family):
    son = family.add("son", "M", date(2002, 2, 17), father=family.father)
    son.studies.append(
        Study(
            "Azərbaycan Dövlət İqtisad Universiteti",
            "MASTER",
            "Maliyyə",
            True,
            date(2025, 9, 15),
            date(2027, 6, 30),
            2,
        )
    )


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


@scenario(
    24,
    "false_information_bar",
    "Refused for false information this year",
    affects=["assistance"],
    declared="no earlier application",
    registries_say="targeted assistance: refused on 2026-03-05 for false information",
    expected="refused",
    reason="false information bars a new application for 1 year",
)
def _false_information_bar(family):
    for person in family.household.members:
        role = "APPLICANT" if person is family.father else "MEMBER"
        person.assistance.append(
            AssistanceApplication(
                "ÜDSY-2026-102944",
                date(2026, 2, 20),
                role,
                "REFUSED",
                refusal_reason="FALSE_INFORMATION",
                decided_on=date(2026, 3, 5),
            )
        )


def _fault_scenario(number, name, registry, kind, what):
    scenario(
        number,
        name,
        f"The {registry} registry {what} for the applicant",
        affects=[registry],
        declared="as the eligible family (scenario 1)",
        registries_say=f"{registry}: {what}",
        expected="flagged" if kind != "slow" else "eligible",
        reason=(
            "a required registry stayed unreachable after its retries"
            if kind != "slow"
            else "the answer comes late but within a sane client timeout"
        ),
        fault=Fault(registry, kind),
    )(lambda family: None)


_fault_scenario(25, "fault_timeout", "tax", "timeout", "never answers in time")
_fault_scenario(26, "fault_error", "sspf", "error", "answers 500")
_fault_scenario(27, "fault_malformed", "labour", "malformed", "answers malformed JSON")
_fault_scenario(28, "fault_slow", "realestate", "slow", "answers slowly")
