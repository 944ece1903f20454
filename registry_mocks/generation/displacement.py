"""Internally displaced households (about 6%): every member's IDP status, district of origin,
certificate and allowance; those who returned home are former IDPs, living there again."""

import random
from datetime import date

from .. import data
from ..building import money
from ..identifiers import person_number
from ..people import Displacement, Household


def add_displacement(rng: random.Random, household: Household, returned: bool) -> None:
    origin = household.address.district.split()[0] if returned else rng.choice(data.IDP_ORIGINS)
    since = date(rng.choice([1992, 1993, 1993, 1994]), rng.randint(1, 12), rng.randint(1, 28))
    returned_on = (
        date(rng.randint(2023, 2026), rng.randint(1, 10), rng.randint(1, 28)) if returned else None
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
