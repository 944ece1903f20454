"""The synthetic population: households derived from (seed, household index), never stored.

A household is generated from `random.Random(f"{seed}:{index}")` alone, so any one of a million
persons costs one household's generation, and the same seed always gives the same people. A PIN
decodes to its household (see identifiers.py); scenario households live at reserved indices at
the top of the PIN space (see scenarios.py).

Facts are dated against `REFERENCE_DATE` (building.py: ages, contract starts, deaths), so a
person never changes from one day to the next; monthly series (salaries, bills) are computed
for whatever window a request asks for.
"""

import random
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from . import data, identifiers
from .building import (
    REFERENCE_DATE,
    add_years,
    address,
    address_id,
    bank_account,
    deed,
    issue_id_card,
    mobile_number,
    mobile_subscription,
    money,
    new_person,
    plate,
    stranger_name,
    utility_accounts,
    vin,
    years_ago,
)
from .conf import mock_setting
from .identifiers import encode_pin, person_number
from .people import (
    AssistanceApplication,
    Benefit,
    BorderCrossing,
    Business,
    Contract,
    Disability,
    Displacement,
    Dwelling,
    Household,
    Imprisonment,
    JobOffer,
    LandShare,
    Marriage,
    MilitaryService,
    Pension,
    Person,
    Study,
    Subscription,
    Unemployment,
    Vehicle,
)

MINIMUM_WAGE = Decimal("400")
PENSION_AGE = {"M": 65, "F": 64}

# Scenario households sit above every generated one; see scenarios.py.
SCENARIO_INDEX_BASE = identifiers.HOUSEHOLD_INDEX_LIMIT - 1000
MAX_HOUSEHOLDS = SCENARIO_INDEX_BASE


class HouseholdGenerator:
    """Generates one household; every random draw comes from the household's own generator."""

    COMPOSITIONS = [
        ("single", 9),
        ("couple", 11),
        ("family", 45),
        ("single_parent", 10),
        ("extended", 25),
    ]

    def __init__(self, seed: str, index: int):
        self.rng = random.Random(f"{seed}:{index}")
        self.index = index
        self._created = 0  # members get provisional indices until _order knows the applicant
        self._names: set[str] = set()  # no two members share a given name

    def build(self) -> Household:
        rng = self.rng
        displaced = rng.random() < 0.06
        returned = displaced and rng.random() < 0.15
        if returned:
            self.place = rng.choice(data.RETURN_PLACES)
        else:
            self.place = rng.choices(data.PLACES, weights=[p.weight for p in data.PLACES])[0]
        household = Household(self.index, address(rng, address_id(self.index), self.place), [])
        household.members = self._members()
        for person in household.members:
            self._identity(person)
            self._life(person)
        if displaced:
            self._displacement(household, returned)
        self._home(household)
        self._vehicles(household)
        self._land(household)
        self._utilities(household)
        self._assistance(household)
        return household

    # Who lives here

    def _members(self) -> list[Person]:
        rng = self.rng
        kind = rng.choices(*zip(*self.COMPOSITIONS, strict=True))[0]
        surname = rng.choice(data.SURNAMES)
        if kind == "single":
            sex = rng.choice("MF")
            return self._order([("head", self._adult(sex, rng.randint(22, 84), surname))])
        if kind == "single_parent":
            mother = self._adult("F", rng.randint(26, 50), surname)
            father_surname, father_name = rng.choice(data.SURNAMES), rng.choice(data.MALE_NAMES)
            people = [("head", mother)] + self._children(mother, father_surname, father_name)
            self._end_marriage(
                mother, rng.choice(["DIVORCE", "DEATH"]), father_surname, father_name
            )
            return self._order(people)

        with_children = kind != "couple"
        husband_age = rng.randint(24, 58) if with_children else rng.randint(25, 84)
        husband = self._adult("M", husband_age, surname)
        wife = self._adult("F", max(19, husband_age - rng.randint(0, 7)), surname, married=True)
        self._marry(husband, wife)
        people = [("husband", husband), ("wife", wife)]
        if with_children:
            people += self._children(wife, surname, husband.given_name)
        if kind == "extended":
            people += self._parents_of(husband)
        return self._order(people)

    def _adult(self, sex, age, surname, *, married=False) -> Person:
        rng = self.rng
        if sex == "F" and married and rng.random() < 0.3:
            surname = rng.choice(data.SURNAMES)  # she kept her own surname
        return self._person(
            sex, years_ago(age + rng.random()), surname, rng.choice(data.MALE_NAMES)
        )

    def _person(self, sex, birth_date, surname, father_name) -> Person:
        names = [
            n
            for n in (data.MALE_NAMES if sex == "M" else data.FEMALE_NAMES)
            if n not in self._names
        ]
        self._created += 1
        person = new_person(
            self.index,
            self._created - 1,
            relation="",
            sex=sex,
            birth_date=birth_date,
            surname=surname,
            given_name=self.rng.choice(names),
            father_name=father_name,
            birth_place=self.place.region,
        )
        self._names.add(person.given_name)
        return person

    def _children(self, mother, surname, father_name) -> list[tuple[str, Person]]:
        rng = self.rng
        count = rng.choices([1, 2, 3, 4], weights=[30, 40, 22, 8])[0]
        mother_age = mother.age(REFERENCE_DATE)
        born_at = rng.randint(20, 30)
        children = []
        for _ in range(count):
            age = mother_age - born_at
            if 0 <= age <= 25:
                child = self._person(
                    rng.choice("MF"), years_ago(age + rng.random()), surname, father_name
                )
                children.append(("child", child))
            born_at += rng.randint(1, 5)
        return children

    def _parents_of(self, person) -> list[tuple[str, Person]]:
        rng = self.rng
        father_age = person.age(REFERENCE_DATE) + rng.randint(22, 35)
        parents = []
        if father_age <= 90 and rng.random() < 0.7:
            father = self._person(
                "M",
                years_ago(father_age + rng.random()),
                person.surname,
                rng.choice(data.MALE_NAMES),
            )
            father.given_name = person.father_name  # the husband's patronymic names him
            parents.append(("grandfather", father))
        mother_age = father_age - rng.randint(0, 6)
        if mother_age <= 92:
            mother = self._adult("F", mother_age, person.surname, married=bool(parents))
            parents.append(("grandmother", mother))
        if len(parents) == 2:
            self._marry(parents[0][1], parents[1][1])
        elif parents:  # a widow: her late husband was the person's father
            self._end_marriage(parents[0][1], "DEATH", person.surname, person.father_name)
        return parents

    def _marry(self, husband, wife) -> None:
        rng = self.rng
        registered = years_ago(rng.uniform(0.5, max(1, wife.age(REFERENCE_DATE) - 19)))
        act = f"N-{registered.year}-{rng.randint(1000, 99999):05d}"
        # PINs are provisional until _order, which rewrites spouse_pin too.
        husband.marriages.append(Marriage(wife.full_name, wife.pin, registered, act))
        wife.marriages.append(Marriage(husband.full_name, husband.pin, registered, act))

    def _end_marriage(self, person, ended_by, spouse_surname, spouse_name) -> None:
        rng = self.rng
        spouse_sex = "F" if person.sex == "M" else "M"
        registered = years_ago(rng.uniform(3, max(4, person.age(REFERENCE_DATE) - 20)))
        ended = registered + timedelta(
            days=rng.randint(365, max(366, (REFERENCE_DATE - registered).days))
        )
        spouse = (
            f"{data.surname_for(spouse_surname, spouse_sex)} {spouse_name} "
            f"{data.patronymic(rng.choice(data.MALE_NAMES), spouse_sex)}"
        )
        act = f"N-{registered.year}-{rng.randint(1000, 99999):05d}"
        person.marriages.append(Marriage(spouse, None, registered, act, ended, ended_by))

    def _order(self, people: list[tuple[str, Person]]) -> list[Person]:
        """Make the applicant member 0 and give everyone their final index, PIN and relation."""
        roles = {id(p): role for role, p in people}
        applicant = people[0][1]
        if people[0][0] == "husband" and self.rng.random() < 0.2:
            applicant = people[1][1]  # the wife applies for the family
        ordered = [applicant] + [p for _, p in people if p is not applicant]
        old_pins = {}
        for member_index, person in enumerate(ordered):
            old_pins[person.pin] = encode_pin(self.index, member_index)
            person.member_index = member_index
            person.pin = old_pins[person.pin]
            number = person_number(self.index, member_index)
            person.ssn = identifiers.social_insurance_number(number)
            person.relation = self._relation(roles[id(applicant)], roles[id(person)], person.sex)
        for person in ordered:
            for marriage in person.marriages:
                marriage.spouse_pin = old_pins.get(marriage.spouse_pin)
        return ordered

    @staticmethod
    def _relation(applicant_role, role, sex) -> str:
        if role == applicant_role:
            return "applicant"
        if {role, applicant_role} == {"husband", "wife"}:
            return "spouse"
        if role == "child":
            return "son" if sex == "M" else "daughter"
        # Grandparents are the husband's parents: parents-in-law when the wife applies.
        in_law = "-in-law" if applicant_role == "wife" else ""
        return ("father" if sex == "M" else "mother") + in_law

    # Identity and a life's facts

    def _identity(self, person) -> None:
        rng = self.rng
        issue_id_card(person, rng)
        age = person.age(REFERENCE_DATE)
        if age >= 14 and rng.random() < 0.93:
            person.mobile = mobile_number(rng)
            since = max(years_ago(rng.uniform(0.2, 12)), years_ago(age - 14, REFERENCE_DATE))
            person.subscriptions.append(mobile_subscription(person, since, rng.uniform(5, 30)))
        if 18 <= age < 55 and rng.random() < 0.4:
            person.email = f"{data.latin(person.given_name)}{rng.randint(10, 9999)}@mail.az"

    def _life(self, person) -> None:
        rng = self.rng
        age = person.age(REFERENCE_DATE)
        self._studies(person, age)
        self._military(person, age)
        if person.sex == "M" and 20 <= age <= 55 and rng.random() < 0.015:
            self._imprisonment(person, current=rng.random() < 0.4)
        self._disability(person, age)
        in_custody = any(i.released_on is None for i in person.imprisonments)
        serving = person.military is not None and person.military.status == "SERVING"
        if age >= PENSION_AGE[person.sex]:
            if rng.random() < 0.96:
                amount = money(rng.randint(320, 650))
                assigned = add_years(person.birth_date, PENSION_AGE[person.sex])
                person.pensions.append(Pension("AGE", amount, assigned))
        elif age >= 18 and not in_custody and not serving:
            self._working_life(person, age)
        if age >= 18 and rng.random() < 0.12:
            self._travels(person)
        self._banking(person, age)

    def _studies(self, person, age) -> None:
        rng = self.rng
        if 6 <= age <= 17 and rng.random() < 0.97:
            grade = min(11, age - 5)
            started = date(REFERENCE_DATE.year - grade + 1, 9, 15)
            person.studies.append(
                Study(
                    f"{self.place.district} {rng.randint(1, 300)} nömrəli tam orta məktəb",
                    "SCHOOL",
                    "Ümumi orta təhsil",
                    True,
                    started,
                    date(started.year + 11, 6, 15),
                    grade,
                )
            )
        elif 17 <= age <= 24 and rng.random() < 0.6:
            if rng.random() < 0.2:
                institution, programmes = rng.choice(data.COLLEGES)
                level, length = "VOCATIONAL", 3
            else:
                institution, programmes = rng.choice(data.UNIVERSITIES)
                level, length = (
                    ("MASTER", 2) if age >= 22 and rng.random() < 0.4 else ("BACHELOR", 4)
                )
            year = rng.randint(1, length)
            enrolled = date(REFERENCE_DATE.year - year + 1, 9, 15)
            full_time = rng.random() < 0.88
            stipend = money(rng.choice([0, 85, 100, 120, 150])) if full_time else money(0)
            person.studies.append(
                Study(
                    institution,
                    level,
                    rng.choice(programmes),
                    full_time,
                    enrolled,
                    date(enrolled.year + length, 6, 30),
                    year,
                    stipend,
                )
            )

    def _military(self, person, age) -> None:
        rng = self.rng
        if person.sex != "M" or age < 18:
            return
        if age <= 21 and not person.studies and rng.random() < 0.35:
            started = REFERENCE_DATE - timedelta(days=rng.randint(10, 540))
            person.military = MilitaryService(
                "SERVING",
                "CONSCRIPT",
                f"N saylı hərbi hissə {rng.randint(10000, 99999)}",
                started,
                started + timedelta(days=548),
            )
        elif person.studies and age <= 27:
            person.military = MilitaryService("DEFERRED")
        else:
            person.military = MilitaryService("RESERVE" if rng.random() < 0.87 else "EXEMPT")

    def _imprisonment(self, person, *, current) -> None:
        rng = self.rng
        admitted = years_ago(rng.uniform(0.3, 4) if current else rng.uniform(3, 12))
        due = admitted + timedelta(days=rng.randint(2, 8) * 365)
        released = None if current else min(due, admitted + timedelta(days=rng.randint(365, 1500)))
        person.imprisonments.append(
            Imprisonment(rng.choice(data.PENITENTIARY_INSTITUTIONS), admitted, due, released)
        )

    def _disability(self, person, age) -> None:
        rng = self.rng
        chance = 0.015 if age < 18 else (0.03 if age < 50 else 0.08)
        if rng.random() >= chance:
            return
        group = None if age < 18 else rng.choices([1, 2, 3], weights=[15, 45, 40])[0]
        examined = REFERENCE_DATE - timedelta(days=rng.randint(30, 700))
        indefinite = group == 1 or (group and age >= 55 and rng.random() < 0.5)
        valid_until = (
            None if indefinite else examined + timedelta(days=rng.choice([365, 730, 1095]))
        )
        cause = "uşaqlıqdan əlillik" if age < 18 else rng.choice(data.DISABILITY_CAUSES)
        person.disability = Disability(
            group, cause, f"TSEK-{examined.year}-{rng.randint(10000, 99999)}", examined, valid_until
        )
        if group is None:
            person.benefits.append(Benefit("DISABLED_CHILD", money(200), examined))
        elif age < PENSION_AGE[person.sex]:
            amount = {1: 400, 2: 340, 3: 280}[group]
            person.pensions.append(Pension("DISABILITY", money(amount), examined))
        if person.military is not None and person.military.status != "SERVING":
            person.military.status = "EXEMPT"

    def _working_life(self, person, age) -> None:
        rng = self.rng
        studying = any(s.full_time for s in person.studies)
        group = person.disability.group if person.disability else None
        chance = 0.68 if person.sex == "M" else 0.40
        if studying:
            chance = 0.08
        elif group in (1, 2):
            chance = 0.1
        if rng.random() < chance:
            if not studying and rng.random() < (0.08 if person.sex == "M" else 0.03):
                self._business(person, age)
            else:
                self._contract(person, age)
            return
        if not studying and group != 1 and rng.random() < 0.15:
            self._lost_job(person, age)

    def _contract(self, person, age, *, ended=None) -> Contract:
        rng = self.rng
        employer, voen, public, positions, median = rng.choice(data.EMPLOYERS)
        salary = max(MINIMUM_WAGE, Decimal(round(median * rng.lognormvariate(0, 0.3), -1)))
        started = max(years_ago(rng.uniform(0.3, 12)), years_ago(age - 18))
        if ended is None and rng.random() < 0.1:
            ended = REFERENCE_DATE - timedelta(days=rng.randint(20, 360))  # left this year
        if ended is not None and ended <= started:
            started = ended - timedelta(days=rng.randint(120, 1500))
        contract = Contract(
            number=f"EM-{started.year}-{rng.randint(0, 9_999_999):07d}",
            employer=employer,
            employer_voen=voen,
            public_sector=public,
            position=rng.choice(positions),
            started_on=started,
            ended_on=ended,
            monthly_salary=money(min(salary, Decimal(4000))),
            full_time=rng.random() < 0.92,
        )
        person.contracts.append(contract)
        return contract

    def _business(self, person, age) -> None:
        rng = self.rng
        turnover = money(rng.randint(300, 4000))
        number = person_number(person.household_index, person.member_index)
        person.business = Business(
            voen=identifiers.entrepreneur_voen(number),
            activity=rng.choice(data.BUSINESS_ACTIVITIES),
            registered_on=max(years_ago(rng.uniform(0.5, 10)), years_ago(age - 18)),
            tax_regime="SIMPLIFIED" if turnover * 12 < 200_000 else "INCOME",
            monthly_turnover=turnover,
            monthly_income=money(turnover * Decimal(rng.uniform(0.2, 0.4))),
        )

    def _lost_job(self, person, age) -> None:
        """Out of work: maybe after a job that ended, maybe registered, maybe insured."""
        rng = self.rng
        last_job = None
        if age >= 20 and rng.random() < 0.5:
            last_job = self._contract(
                person, age, ended=REFERENCE_DATE - timedelta(days=rng.randint(20, 700))
            )
        if rng.random() >= 0.6:
            return  # not registered anywhere: no valid reason on paper
        registered = (
            last_job.ended_on if last_job else years_ago(rng.uniform(0.1, 2))
        ) + timedelta(days=rng.randint(3, 40))
        registered = min(registered, REFERENCE_DATE - timedelta(days=2))
        unemployment = Unemployment(
            data.EMPLOYMENT_CENTRE.format(district=self.place.district), registered
        )
        if last_job and (REFERENCE_DATE - last_job.ended_on).days < 200 and rng.random() < 0.6:
            unemployment.insurance_monthly = money(
                min(last_job.monthly_salary * Decimal("0.7"), Decimal(1000))
            )
            unemployment.insurance_from = registered
            unemployment.insurance_to = registered + timedelta(days=182)
        for _ in range(rng.choices([0, 1, 2, 3], weights=[50, 25, 15, 10])[0]):
            employer, _, _, positions, median = rng.choice(data.EMPLOYERS)
            offered = registered + timedelta(
                days=rng.randint(5, max(6, (REFERENCE_DATE - registered).days))
            )
            outcome = rng.choices(["REFUSED", "PENDING"], weights=[40, 60])[0]
            unemployment.offers.append(
                JobOffer(
                    min(offered, REFERENCE_DATE),
                    employer,
                    rng.choice(positions),
                    money(median),
                    outcome,
                )
            )
        unemployment.offers.sort(key=lambda offer: offer.offered_on)
        person.unemployment = unemployment

    def _travels(self, person) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 3)):
            checkpoint, countries = rng.choice(data.BORDER_CHECKPOINTS)
            country = rng.choice(countries)
            left = REFERENCE_DATE - timedelta(days=rng.randint(10, 900))
            back = left + timedelta(days=rng.randint(3, 25))
            person.border_crossings.append(BorderCrossing(left, "EXIT", checkpoint, country))
            if back <= REFERENCE_DATE:
                person.border_crossings.append(BorderCrossing(back, "ENTRY", checkpoint, country))
        person.border_crossings.sort(key=lambda crossing: crossing.crossed_on)

    def _banking(self, person, age) -> None:
        rng = self.rng
        for contract in person.contracts:
            person.bank_accounts.append(
                bank_account(
                    rng,
                    kind="CARD",
                    opened_on=contract.started_on,
                    balance=rng.uniform(0, 900),
                )
            )
            person.bank_accounts[-1].closed_on = contract.ended_on
        if person.pensions:
            # Pensions are paid onto Kapital Bank cards.
            person.bank_accounts.append(
                bank_account(
                    rng,
                    kind="CARD",
                    opened_on=person.pensions[0].assigned_on,
                    balance=rng.uniform(0, 400),
                    bank=data.BANKS[0],
                )
            )
        if person.business:
            person.bank_accounts.append(
                bank_account(
                    rng,
                    kind="CURRENT",
                    opened_on=person.business.registered_on,
                    balance=rng.uniform(50, 6000),
                )
            )
        if age >= 25 and rng.random() < 0.18:
            person.bank_accounts.append(
                bank_account(
                    rng,
                    kind="DEPOSIT",
                    opened_on=years_ago(rng.uniform(0.2, 6)),
                    balance=rng.uniform(300, 15000),
                )
            )

    # What the household has

    def _displacement(self, household, returned) -> None:
        rng = self.rng
        origin = household.address.district.split()[0] if returned else rng.choice(data.IDP_ORIGINS)
        since = date(rng.choice([1992, 1993, 1993, 1994]), rng.randint(1, 12), rng.randint(1, 28))
        returned_on = (
            date(rng.randint(2023, 2026), rng.randint(1, 10), rng.randint(1, 28))
            if returned
            else None
        )
        for person in household.members:
            number = person_number(person.household_index, person.member_index)
            person.displacement = Displacement(
                status="FORMER_IDP" if returned else "IDP",
                origin=origin,
                certificate_number=f"MK-{number % 10**7:07d}",
                since=max(since, person.birth_date),
                returned_on=returned_on,
                monthly_allowance=money(0 if returned else 90),
            )
            if person.birth_date < since:
                person.birth_place = f"{origin} rayonu"

    def _owner(self, household) -> Person:
        adults = [p for p in household.members if p.age(REFERENCE_DATE) >= 18]
        # The home is usually in the name of the eldest man.
        men = [p for p in adults if p.sex == "M"]
        return max(men or adults, key=lambda p: p.age(REFERENCE_DATE))

    def _home(self, household) -> None:
        rng = self.rng
        if rng.random() >= 0.78:
            return  # rented or lived in without papers
        owner = self._owner(household)
        house = household.address.apartment == ""
        self._dwelling(owner, household.address, "HOUSE" if house else "APARTMENT", "RESIDENTIAL")
        if rng.random() < 0.03:
            other = address(rng, address_id(self.index, 1), rng.choice(data.PLACES))
            self._dwelling(owner, other, "APARTMENT", "RESIDENTIAL", acquired_by="INHERITANCE")
        if rng.random() < 0.015:
            shop = address(rng, address_id(self.index, 2), self.place)
            self._dwelling(owner, shop, "NON_RESIDENTIAL", "COMMERCIAL")
        if rng.random() < 0.02:
            sold_on = REFERENCE_DATE - timedelta(days=rng.randint(15, 720))
            owner.deeds.append(
                deed(
                    rng,
                    signed_on=sold_on,
                    kind="SALE",
                    role="SELLER",
                    subject="LAND",
                    description=f"{self.place.municipality} bələdiyyəsi, torpaq sahəsi",
                    amount=rng.randint(3000, 40000),
                    counterparty=stranger_name(rng),
                )
            )

    def _dwelling(self, owner, where, kind, purpose, *, acquired_by=None) -> None:
        rng = self.rng
        acquired_by = (
            acquired_by
            or rng.choices(
                ["PURCHASE", "PRIVATISATION", "INHERITANCE", "GIFT"], weights=[40, 35, 20, 5]
            )[0]
        )
        if acquired_by == "PRIVATISATION":
            acquired = date(rng.randint(1996, 2006), rng.randint(1, 12), rng.randint(1, 28))
        else:
            acquired = REFERENCE_DATE - timedelta(days=rng.randint(60, 25 * 365))
        if kind == "HOUSE":
            area = Decimal(rng.randint(80, 220))
        elif purpose == "COMMERCIAL":
            area = Decimal(rng.randint(20, 60))
        else:
            area = Decimal(rng.randint(38, 115))
        owner.dwellings.append(
            Dwelling(
                registry_number=f"{rng.randint(100, 999)}-{rng.randint(100000, 999999)}",
                cadastral_code=f"{rng.randint(1, 99):02d}{rng.randint(0, 999_999_999):09d}",
                kind=kind,
                purpose=purpose,
                address=where,
                total_area=area,
                living_area=(area * Decimal("0.68")).quantize(Decimal("0.1"))
                if purpose == "RESIDENTIAL"
                else Decimal(0),
                share="1/1",
                acquired_on=acquired,
                acquired_by=acquired_by,
            )
        )
        if acquired_by == "PURCHASE" and (REFERENCE_DATE - acquired).days < 3 * 365:
            price = area * (
                rng.randint(900, 1800) if where.region == data.BAKU else rng.randint(300, 700)
            )
            owner.deeds.append(
                deed(
                    rng,
                    signed_on=acquired,
                    kind="PURCHASE",
                    role="BUYER",
                    subject=kind,
                    description=where.line(),
                    amount=price,
                    counterparty=stranger_name(rng),
                )
            )

    def _vehicles(self, household) -> None:
        rng = self.rng
        adults = [p for p in household.members if 18 <= p.age(REFERENCE_DATE) < 80]
        if adults and rng.random() < 0.22:
            men = [p for p in adults if p.sex == "M"]
            driver = rng.choice(men or adults)
            make, model, engine, (low, high) = rng.choice(data.VEHICLE_MODELS)
            year = rng.randint(1995, 2024)
            registered = max(
                date(year, 6, 1), REFERENCE_DATE - timedelta(days=rng.randint(30, 12 * 365))
            )
            by_proxy = rng.random() < 0.06
            driver.vehicles.append(
                Vehicle(
                    plate(rng, self.place),
                    vin(rng),
                    make,
                    model,
                    year,
                    rng.choice(data.VEHICLE_COLOURS),
                    engine,
                    registered,
                    "POWER_OF_ATTORNEY" if by_proxy else "OWNER",
                )
            )
            if by_proxy or (REFERENCE_DATE - registered).days < 3 * 365:
                driver.deeds.append(
                    deed(
                        rng,
                        signed_on=registered,
                        kind="POWER_OF_ATTORNEY" if by_proxy else "PURCHASE",
                        role="ATTORNEY" if by_proxy else "BUYER",
                        subject="VEHICLE",
                        description=f"{make} {model}, {year}",
                        amount=0 if by_proxy else rng.randint(low, high),
                        counterparty=stranger_name(rng),
                    )
                )
        for person in household.members:
            if person.disability and person.disability.group in (1, 2) and rng.random() < 0.15:
                self._rehabilitation_vehicle(person)

    def _rehabilitation_vehicle(self, person) -> None:
        rng = self.rng
        granted = max(
            person.disability.examined_on, REFERENCE_DATE - timedelta(days=rng.randint(30, 2000))
        )
        person.vehicles.append(
            Vehicle(
                plate(rng, self.place),
                vin(rng),
                "Lada",
                "Granta",
                max(2015, granted.year - 1),
                "ağ",
                1600,
                granted,
                "OWNER",
                state_programme="REHABILITATION",
            )
        )

    def _land(self, household) -> None:
        rng = self.rng
        chance = 0.6 if self.place.rural else (0.08 if household.address.settlement else 0.03)
        if rng.random() < chance:
            owner = self._owner(household)
            owner.land_shares.append(
                LandShare(
                    certificate_number=f"TP-{rng.randint(100000, 999999)}",
                    municipality=f"{self.place.municipality} bələdiyyəsi",
                    district=self.place.district,
                    hectares=Decimal(rng.randint(10, 250)) / 100,
                    category="AGRICULTURAL",
                    registered_on=date(
                        rng.randint(1997, 2001), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                )
            )

    def _utilities(self, household) -> None:
        rng = self.rng
        size = len(household.members)
        holder = next((p for p in household.members if p.dwellings), household.applicant)
        gas = (
            None
            if self.place.rural and rng.random() < 0.2
            else 25 + 18 * size + rng.randint(-10, 15)
        )
        water = (
            None
            if rng.random() < (0.4 if self.place.rural else 0.1)
            else 3 + 2.5 * size + rng.randint(-1, 3)
        )
        household.utilities = utility_accounts(
            rng,
            household,
            holder,
            electricity=60 + 45 * size + rng.randint(-20, 40),
            gas=gas,
            water=water,
            opened_on=years_ago(rng.uniform(2, 20)),
        )
        if rng.random() < 0.45:
            operator = "Baktelekom" if household.address.region == data.BAKU else "Aztelekom"
            since = years_ago(rng.uniform(0.5, 15))
            area_code = "12" if household.address.region == data.BAKU else "20"
            line = f"+994{area_code}{rng.randint(0, 9_999_999):07d}"
            household.applicant.subscriptions += [
                Subscription(operator, line, "FIXED", since, money(rng.uniform(4, 8))),
                Subscription(operator, line, "INTERNET", since, money(rng.uniform(15, 35))),
            ]

    def _assistance(self, household) -> None:
        """An earlier application for targeted assistance: still being paid, ended or refused."""
        rng = self.rng
        draw = rng.random()
        if draw >= 0.085:
            return
        if draw < 0.015:
            status = "ASSIGNED"
            submitted = REFERENCE_DATE - timedelta(days=rng.randint(20, 330))
        else:
            status = "REFUSED" if draw < 0.035 else "ENDED"
            submitted = REFERENCE_DATE - timedelta(days=rng.randint(365, 5 * 365))
        decided = submitted + timedelta(days=rng.randint(5, 20))
        if status == "REFUSED":
            reason = rng.choice(["INCOME_ABOVE_CRITERION", "VEHICLE", "ABLE_BODIED_NOT_WORKING"])
            terms = {"refusal_reason": reason}
        else:  # assigned for 12 months from the 1st of the month of application
            start = submitted.replace(day=1)
            terms = {
                "assigned_from": start,
                "assigned_to": add_years(start, 1) - timedelta(days=1),
                "monthly_amount": money(rng.randint(80, 450)),
            }
        number = f"ÜDSY-{submitted.year}-{rng.randint(100000, 999999)}"
        for person in household.members:
            if person.birth_date < submitted:
                role = "APPLICANT" if person is household.applicant else "MEMBER"
                person.assistance.append(
                    AssistanceApplication(
                        number, submitted, role, status, decided_on=decided, **terms
                    )
                )


@lru_cache(maxsize=4096)
def generate_household(seed: str, index: int) -> Household:
    return HouseholdGenerator(seed, index).build()


class Population:
    """The households of one seed and size, plus the scenario households."""

    def __init__(self, seed: str, households: int):
        if not 0 < households <= MAX_HOUSEHOLDS:
            raise ValueError(f"a population has 1 to {MAX_HOUSEHOLDS} households")
        self.seed = seed
        self.size = households

    def household(self, index: int) -> Household | None:
        if index >= SCENARIO_INDEX_BASE:
            from .scenarios import scenario_household  # scenarios import this module

            return scenario_household(index - SCENARIO_INDEX_BASE)
        if 0 <= index < self.size:
            return generate_household(self.seed, index)
        return None

    def person(self, pin: str) -> Person | None:
        try:
            index, member_index = identifiers.decode_pin(pin)
        except ValueError:
            return None
        household = self.household(index)
        if household is None or member_index >= len(household.members):
            return None
        return household.members[member_index]


@lru_cache(maxsize=8)
def _population(seed: str, households: int) -> Population:
    return Population(seed, households)


def current_population() -> Population:
    return _population(str(mock_setting("SEED")), int(mock_setting("HOUSEHOLDS")))
