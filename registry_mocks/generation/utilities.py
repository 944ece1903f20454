"""A household's utilities and communications: electricity, gas and water accounts in the name
of the owner (or the applicant), sized by the household, and, for some, a fixed line with
internet."""

import random

from .. import data
from ..building import money, utility_accounts, years_ago
from ..people import Household, Subscription


def add_utilities(rng: random.Random, place: data.Place, household: Household) -> None:
    size = len(household.members)
    holder = next((p for p in household.members if p.dwellings), household.applicant)
    gas = None if place.rural and rng.random() < 0.2 else 25 + 18 * size + rng.randint(-10, 15)
    water = (
        None
        if rng.random() < (0.4 if place.rural else 0.1)
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
