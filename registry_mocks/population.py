"""The synthetic population: households derived from (seed, household index), never stored.

A household is generated from `random.Random(f"{seed}:{index}")` alone, so any one of a million
persons costs one household's generation, and the same seed always gives the same people. A PIN
decodes to its household (see identifiers.py); scenario households live at reserved indices at
the top of the PIN space (see scenarios/).

`HouseholdGenerator.build` draws a household part by part; the parts are in generation/. Facts
are dated against `REFERENCE_DATE` (building.py: ages, contract starts, deaths), so a person never
changes from one day to the next; monthly series (salaries, bills) are computed for whatever
window a request asks for.
"""

import random
from functools import lru_cache

from . import data, identifiers
from .building import address, address_id
from .conf import mock_setting
from .generation.assistance import add_assistance
from .generation.displacement import add_displacement
from .generation.life import add_identity, add_life
from .generation.members import draw_members
from .generation.property import add_home, add_land, add_vehicles
from .generation.utilities import add_utilities
from .people import Household, Person

# Scenario households sit above every generated one; see scenarios/.
SCENARIO_INDEX_BASE = identifiers.HOUSEHOLD_INDEX_LIMIT - 1000
MAX_HOUSEHOLDS = SCENARIO_INDEX_BASE


class HouseholdGenerator:
    """Generates one household; every random draw comes from the household's own generator,
    in the order `build` calls the parts. Keep that order: it is the population."""

    def __init__(self, seed: str, index: int):
        self.rng = random.Random(f"{seed}:{index}")
        self.index = index

    def build(self) -> Household:
        rng = self.rng
        displaced = rng.random() < 0.06
        returned = displaced and rng.random() < 0.15
        if returned:
            place = rng.choice(data.RETURN_PLACES)
        else:
            place = rng.choices(data.PLACES, weights=[p.weight for p in data.PLACES])[0]
        household = Household(self.index, address(rng, address_id(self.index), place), [])
        household.members = draw_members(rng, self.index, place)
        for person in household.members:
            add_identity(rng, person)
            add_life(rng, place, person)
        if displaced:
            add_displacement(rng, household, returned)
        add_home(rng, place, household)
        add_vehicles(rng, place, household)
        add_land(rng, place, household)
        add_utilities(rng, place, household)
        add_assistance(rng, household)
        return household


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
