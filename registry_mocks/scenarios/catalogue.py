"""The scenario catalogue's machinery: `Scenario`, the `@scenario` decorator that enters a builder
in `SCENARIOS` under its number, the households the builders make, and the deliberate faults.

Scenario number N lives at household index SCENARIO_INDEX_BASE + N, above any generated
household, so its PINs never change with the seed or the population's size. The scenarios
themselves are in the theme modules next to this one; `__init__.py` assembles the table.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .. import identifiers
from ..family import Family
from ..people import Household
from ..population import SCENARIO_INDEX_BASE

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
