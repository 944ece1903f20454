"""Scenario households: one for every edge case the eligibility rules care about, at fixed PINs.

Each scenario starts from the same clean, eligible family (a working father, a mother at home
with a child under 8, a schoolboy) or, where an adult child is the point, from an older family,
and changes one thing. Numbers are never reused: add new scenarios with the next number.

- `catalogue.py`: `Scenario`, the `@scenario` decorator, the households, the deliberate faults;
- `eligible.py`: the clean family, and what looks like a ground for refusal but is not;
- `refusals.py`: a family refused on each ground;
- `flags.py`: what a caseworker decides;
- `registry_faults.py`: a registry that misbehaves for the applicant.

The household builder is family.py; what each applicant declares, and the scenario table, are in
declarations.py.
"""

from . import eligible, flags, refusals, registry_faults  # noqa: F401 (they fill SCENARIOS)
from .catalogue import (
    FAULT_KINDS,
    SCENARIOS,
    Fault,
    Scenario,
    built_family,
    by_name,
    fault_for,
    scenario,
    scenario_household,
)

# The themes register in their own order; the table lists the scenarios by number.
_by_number = sorted(SCENARIOS.items())
SCENARIOS.clear()
SCENARIOS.update(_by_number)

__all__ = [
    "FAULT_KINDS",
    "SCENARIOS",
    "Fault",
    "Scenario",
    "built_family",
    "by_name",
    "fault_for",
    "scenario",
    "scenario_household",
]
