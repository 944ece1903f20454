"""Scenarios refused on a ground: undeclared or high income (grounds 1, 2), large deals (3), a
vehicle (4), an idle member or refused job offers (5), high utility bills (6), two dwellings (7),
and the bar after false information."""

from datetime import date

from .. import data
from ..building import address, address_id, bank_account, money, stranger_name
from ..people import AssistanceApplication, JobOffer, Study, Subscription, Unemployment
from .catalogue import scenario


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
