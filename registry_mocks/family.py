"""The scenario households' builder: the same clean, eligible family (or an older one), and the
helpers with which each scenario changes the one thing it is about."""

import random
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from . import data
from .building import (
    REFERENCE_DATE,
    address,
    address_id,
    bank_account,
    deed,
    issue_id_card,
    mobile_number,
    mobile_subscription,
    money,
    new_person,
    utility_accounts,
    vin,
)
from .names import FEMALE_NAMES, MALE_NAMES, SURNAMES
from .people import (
    Contract,
    Deed,
    Dwelling,
    Household,
    Marriage,
    MilitaryService,
    Person,
    Study,
    Vehicle,
)

if TYPE_CHECKING:
    from .scenarios import Scenario


class Family:
    """A scenario household under construction, with the helpers the scenarios share."""

    def __init__(self, scenario: "Scenario"):
        self.scenario = scenario
        self.index = scenario.household_index
        self.rng = random.Random(f"scenario:{scenario.number}")
        self.surname = SURNAMES[(scenario.number - 1) % len(SURNAMES)]
        self.place = next(p for p in data.PLACES if p.district == "Sabunçu rayonu")
        home = address(self.rng, address_id(self.index), self.place)
        self.household = Household(self.index, home, [], scenario=scenario.name)
        # pin → fields of the declaration where the applicant says something else than the facts
        self.declared: dict[str, dict] = {}
        if scenario.older_family:
            self._older_family()
        else:
            self._young_family()
        self.home = self.dwelling(
            self.father, self.household.address, acquired_on=date(2016, 5, 10)
        )
        self.household.utilities = self.utilities(electricity=170, gas=55, water=8)

    def _young_family(self):
        self.father = self.add("applicant", "M", date(1988, 4, 12))
        self.mother = self.add("spouse", "F", date(1991, 9, 3))
        self.marry(self.father, self.mother, date(2012, 7, 20))
        self.son = self.add("son", "M", date(2014, 5, 20), father=self.father)
        self.daughter = self.add("daughter", "F", date(2021, 2, 11), father=self.father)
        self.school(self.son)
        self.employ(
            self.father, "Bakı Metropoliteni QSC", "450", date(2021, 3, 1), position="texnik"
        )

    def _older_family(self):
        self.father = self.add("applicant", "M", date(1974, 10, 2))
        self.mother = self.add("spouse", "F", date(1977, 1, 23))
        self.marry(self.father, self.mother, date(1998, 9, 12))
        self.daughter = self.add("daughter", "F", date(2012, 6, 7), father=self.father)
        self.school(self.daughter)
        self.employ(
            self.father, "Bakı Metropoliteni QSC", "450", date(2015, 2, 2), position="texnik"
        )
        self.employ(
            self.mother,
            "Bakı şəhəri 23 nömrəli tam orta məktəb",
            "400",
            date(2018, 9, 1),
            position="xadimə",
        )

    # People

    def add(
        self, relation, sex, birth_date, *, father=None, given_name=None, surname=None
    ) -> Person:
        names = MALE_NAMES if sex == "M" else FEMALE_NAMES
        taken = {p.given_name for p in self.household.members}
        person = new_person(
            self.index,
            len(self.household.members),
            relation=relation,
            sex=sex,
            birth_date=birth_date,
            surname=surname or self.surname,
            given_name=given_name or self.rng.choice([n for n in names if n not in taken]),
            father_name=father.given_name if father else self.rng.choice(MALE_NAMES),
            birth_place=data.BAKU,
        )
        issue_id_card(person, self.rng)
        if person.age(REFERENCE_DATE) >= 16:
            person.mobile = mobile_number(self.rng)
            person.subscriptions.append(mobile_subscription(person, date(2019, 1, 1), 8))
        if sex == "M" and person.age(REFERENCE_DATE) >= 18:
            person.military = MilitaryService("RESERVE")
        self.household.members.append(person)
        return person

    def marry(self, husband, wife, on):
        act = f"N-{on.year}-{self.rng.randint(1000, 99999):05d}"
        husband.marriages.append(Marriage(wife.full_name, wife.pin, on, act))
        wife.marriages.append(Marriage(husband.full_name, husband.pin, on, act))

    def declare(self, person, **fields):
        """Have the applicant declare `fields` of this member differently from the facts."""
        self.declared.setdefault(person.pin, {}).update(fields)

    # Facts

    def employ(
        self, person, employer, salary, since, *, until=None, position="operator"
    ) -> Contract:
        _, voen, public, _, _ = next(e for e in data.EMPLOYERS if e[0] == employer)
        contract = Contract(
            f"EM-{since.year}-{self.rng.randint(0, 9_999_999):07d}",
            employer,
            voen,
            public,
            position,
            since,
            until,
            money(salary),
        )
        person.contracts.append(contract)
        card = bank_account(self.rng, kind="CARD", opened_on=since, balance=120, bank=data.BANKS[0])
        card.closed_on = until
        person.bank_accounts.append(card)
        return contract

    def end_job(self, person, on):
        person.contracts[-1].ended_on = on
        person.bank_accounts[-1].closed_on = on

    def school(self, child):
        grade = min(11, child.age(REFERENCE_DATE) - 5)
        started = date(REFERENCE_DATE.year - grade + 1, 9, 15)
        child.studies.append(
            Study(
                "Sabunçu rayonu 187 nömrəli tam orta məktəb",
                "SCHOOL",
                "Ümumi orta təhsil",
                True,
                started,
                date(started.year + 11, 6, 15),
                grade,
            )
        )

    def dwelling(
        self, owner, where, *, acquired_on, acquired_by="INHERITANCE", area="58"
    ) -> Dwelling:
        area = Decimal(area)
        dwelling = Dwelling(
            f"{self.rng.randint(100, 999)}-{self.rng.randint(100000, 999999)}",
            f"{self.rng.randint(1, 99):02d}{self.rng.randint(0, 999_999_999):09d}",
            "APARTMENT",
            "RESIDENTIAL",
            where,
            area,
            (area * Decimal("0.68")).quantize(Decimal("0.1")),
            "1/1",
            acquired_on,
            acquired_by,
        )
        owner.dwellings.append(dwelling)
        return dwelling

    def utilities(self, *, electricity, gas, water):
        return utility_accounts(
            self.rng,
            self.household,
            self.father,
            electricity=electricity,
            gas=gas,
            water=water,
            opened_on=date(2016, 6, 1),
        )

    def vehicle(self, owner, plate, make, model, year, registered_on, **extra) -> Vehicle:
        vehicle = Vehicle(
            plate, vin(self.rng), make, model, year, "ağ", 1600, registered_on, **extra
        )
        owner.vehicles.append(vehicle)
        return vehicle

    def deed(self, person, **fields) -> Deed:
        person.deeds.append(deed(self.rng, **fields))
        return person.deeds[-1]
