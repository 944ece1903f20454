"""One person's life, drawn from their age: ID card and phone, school and university,
conscription and the reserve, custody, disability, an age pension, work (work.py), trips abroad
and bank accounts."""

import random
from datetime import date, timedelta

from .. import data
from ..building import (
    REFERENCE_DATE,
    add_years,
    issue_id_card,
    mobile_number,
    mobile_subscription,
    money,
    years_ago,
)
from ..names import latin
from ..people import (
    Benefit,
    BorderCrossing,
    Disability,
    Imprisonment,
    MilitaryService,
    Pension,
    Person,
    Study,
)
from .work import add_bank_accounts, add_working_life

PENSION_AGE = {"M": 65, "F": 64}


def add_identity(rng: random.Random, person: Person) -> None:
    """The ID card, and from 14 most people's mobile; some adults' e-mail."""
    issue_id_card(person, rng)
    age = person.age(REFERENCE_DATE)
    if age >= 14 and rng.random() < 0.93:
        person.mobile = mobile_number(rng)
        since = max(years_ago(rng.uniform(0.2, 12)), years_ago(age - 14, REFERENCE_DATE))
        person.subscriptions.append(mobile_subscription(person, since, rng.uniform(5, 30)))
    if 18 <= age < 55 and rng.random() < 0.4:
        person.email = f"{latin(person.given_name)}{rng.randint(10, 9999)}@mail.az"


def add_life(rng: random.Random, place: data.Place, person: Person) -> None:
    age = person.age(REFERENCE_DATE)
    _studies(rng, place, person, age)
    _military(rng, person, age)
    if person.sex == "M" and 20 <= age <= 55 and rng.random() < 0.015:
        _imprisonment(rng, person, current=rng.random() < 0.4)
    _disability(rng, person, age)
    in_custody = any(i.released_on is None for i in person.imprisonments)
    serving = person.military is not None and person.military.status == "SERVING"
    if age >= PENSION_AGE[person.sex]:
        if rng.random() < 0.96:
            amount = money(rng.randint(320, 650))
            assigned = add_years(person.birth_date, PENSION_AGE[person.sex])
            person.pensions.append(Pension("AGE", amount, assigned))
    elif age >= 18 and not in_custody and not serving:
        add_working_life(rng, place, person, age)
    if age >= 18 and rng.random() < 0.12:
        _travels(rng, person)
    add_bank_accounts(rng, person, age)


def _studies(rng, place, person, age) -> None:
    if 6 <= age <= 17 and rng.random() < 0.97:
        grade = min(11, age - 5)
        started = date(REFERENCE_DATE.year - grade + 1, 9, 15)
        person.studies.append(
            Study(
                f"{place.district} {rng.randint(1, 300)} nömrəli tam orta məktəb",
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
            level, length = ("MASTER", 2) if age >= 22 and rng.random() < 0.4 else ("BACHELOR", 4)
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


def _military(rng, person, age) -> None:
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


def _imprisonment(rng, person, *, current) -> None:
    admitted = years_ago(rng.uniform(0.3, 4) if current else rng.uniform(3, 12))
    due = admitted + timedelta(days=rng.randint(2, 8) * 365)
    released = None if current else min(due, admitted + timedelta(days=rng.randint(365, 1500)))
    person.imprisonments.append(
        Imprisonment(rng.choice(data.PENITENTIARY_INSTITUTIONS), admitted, due, released)
    )


def _disability(rng, person, age) -> None:
    """A disability group (under 18: limited health abilities), with its pension or benefit."""
    chance = 0.015 if age < 18 else (0.03 if age < 50 else 0.08)
    if rng.random() >= chance:
        return
    group = None if age < 18 else rng.choices([1, 2, 3], weights=[15, 45, 40])[0]
    examined = REFERENCE_DATE - timedelta(days=rng.randint(30, 700))
    indefinite = group == 1 or (group and age >= 55 and rng.random() < 0.5)
    valid_until = None if indefinite else examined + timedelta(days=rng.choice([365, 730, 1095]))
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


def _travels(rng, person) -> None:
    for _ in range(rng.randint(1, 3)):
        checkpoint, countries = rng.choice(data.BORDER_CHECKPOINTS)
        country = rng.choice(countries)
        left = REFERENCE_DATE - timedelta(days=rng.randint(10, 900))
        back = left + timedelta(days=rng.randint(3, 25))
        person.border_crossings.append(BorderCrossing(left, "EXIT", checkpoint, country))
        if back <= REFERENCE_DATE:
            person.border_crossings.append(BorderCrossing(back, "ENTRY", checkpoint, country))
    person.border_crossings.sort(key=lambda crossing: crossing.crossed_on)
