"""Building blocks of households: dates, money, people, papers, accounts and property. Shared
by the generator of the synthetic population and the hand-written scenario households.

Facts are dated against `REFERENCE_DATE`, so a person never changes from one day to the next.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from . import data, identifiers
from .conf import mock_setting
from .identifiers import encode_pin, person_number
from .names import FEMALE_NAMES, MALE_NAMES, SURNAMES, patronymic, surname_for
from .people import (
    CENT,
    Address,
    BankAccount,
    Deed,
    Household,
    IdCard,
    Person,
    Subscription,
    UtilityAccount,
)

REFERENCE_DATE = date(2026, 11, 25)


def today() -> date:
    return date.fromisoformat(mock_setting("AS_OF")) if mock_setting("AS_OF") else date.today()


def years_ago(years: float, on: date = REFERENCE_DATE) -> date:
    return on - timedelta(days=round(years * 365.25))


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def new_person(
    household_index,
    member_index,
    *,
    relation,
    sex,
    birth_date,
    surname,
    given_name,
    father_name,
    birth_place,
) -> Person:
    number = person_number(household_index, member_index)
    return Person(
        pin=encode_pin(household_index, member_index),
        household_index=household_index,
        member_index=member_index,
        relation=relation,
        surname=surname_for(surname, sex),
        given_name=given_name,
        patronymic=patronymic(father_name, sex),
        sex=sex,
        birth_date=birth_date,
        birth_place=birth_place,
        ssn=identifiers.social_insurance_number(number),
    )


def issue_id_card(person: Person, rng: random.Random) -> None:
    """Everyone from 16 has an ID card (younger children only sometimes): a current "AA" card
    valid 10 years, or, for the oldest, an "AZE" card issued before 2013 and valid for life."""
    age = person.age(REFERENCE_DATE)
    if age < 16 and rng.random() < 0.6:
        return
    number = person_number(person.household_index, person.member_index)
    if age >= 72 and rng.random() < 0.5:
        issued = date(rng.randint(2008, 2012), rng.randint(1, 12), rng.randint(1, 28))
        card = IdCard(identifiers.id_card_number(number, old_series=True), issued, None, "DİN")
    else:
        earliest = max(person.birth_date, years_ago(9.5))
        issued = earliest + timedelta(days=rng.randint(0, max(0, (REFERENCE_DATE - earliest).days)))
        card = IdCard(
            identifiers.id_card_number(number),
            issued,
            add_years(issued, 10) - timedelta(days=1),
            f"DİN {rng.randint(1, 45)}",
        )
    person.id_card = card


def mobile_number(rng: random.Random) -> str:
    return f"+994{rng.choice(list(data.MOBILE_OPERATORS))}{rng.randint(0, 9_999_999):07d}"


def address(rng: random.Random, address_id: str, place: data.Place) -> Address:
    settlement = rng.choice(place.settlements)
    house = bool(settlement) and (place.rural or rng.random() < 0.5)
    return Address(
        address_id=address_id,
        region=place.region,
        district=place.district,
        settlement=settlement,
        street=rng.choice(data.STREETS),
        building=str(rng.randint(1, 180)),
        apartment="" if house else str(rng.randint(1, 120)),
        postal_code=place.postal_code[:-2] + f"{rng.randint(0, 99):02d}",
    )


def address_id(household_index: int, extra: int = 0) -> str:
    """The address registry's key: a household's home, or another address (extra > 0)."""
    return f"UQ{(household_index * 7 + extra) * 2_654_435_761 % 10**12:012d}"


def bank_account(rng: random.Random, *, kind, opened_on, balance, bank=None) -> BankAccount:
    name, code, _ = bank or rng.choice(data.BANKS)
    account = f"{rng.randint(0, 10**20 - 1):020d}"
    return BankAccount(
        name, code, identifiers.iban(code, account), "AZN", kind, opened_on, money(balance)
    )


def mobile_subscription(person: Person, since: date, monthly_fee) -> Subscription:
    operator = data.MOBILE_OPERATORS[person.mobile[4:6]]
    return Subscription(operator, person.mobile, "MOBILE", since, money(monthly_fee))


def deed(
    rng: random.Random, *, signed_on, kind, role, subject, description, amount, counterparty
) -> Deed:
    return Deed(
        registry_number=f"{signed_on.year}-{rng.randint(10_000, 99_999)}-N",
        signed_on=signed_on,
        notary_office=rng.choice(data.NOTARY_OFFICES),
        kind=kind,
        role=role,
        subject=subject,
        description=description,
        amount=money(amount),
        counterparty=counterparty,
    )


def stranger_name(rng: random.Random, sex: str | None = None) -> str:
    """Someone outside the population: the other side of a deed, a former spouse."""
    sex = sex or rng.choice("MF")
    names = MALE_NAMES if sex == "M" else FEMALE_NAMES
    surname = surname_for(rng.choice(SURNAMES), sex)
    return f"{surname} {rng.choice(names)} {patronymic(rng.choice(MALE_NAMES), sex)}"


def plate(rng: random.Random, place: data.Place) -> str:
    letters = "".join(rng.choice(data.PLATE_LETTERS) for _ in range(2))
    return f"{place.plate_code}-{letters}-{rng.randint(1, 999):03d}"


def vin(rng: random.Random) -> str:
    return "".join(rng.choice(data.VIN_ALPHABET) for _ in range(17))


def utility_accounts(
    rng: random.Random, household: Household, holder: Person, *, electricity, gas, water, opened_on
) -> list[UtilityAccount]:
    """Accounts for the services a household has (a monthly quantity of None: no such service)."""
    providers = [
        ("ELECTRICITY", "Azərişıq", electricity),
        ("GAS", "Azəriqaz", gas),
        ("WATER", "Azərsu", water),
    ]
    return [
        UtilityAccount(
            service=service,
            provider=provider,
            subscriber_code=f"{service[0]}{household.index * 3 + i:011d}"[-12:],
            holder_pin=holder.pin,
            address=household.address,
            monthly_quantity=Decimal(quantity),
            opened_on=opened_on,
        )
        for i, (service, provider, quantity) in enumerate(providers)
        if quantity is not None
    ]
