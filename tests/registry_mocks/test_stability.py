"""The population and the scenario households do not drift: a digest of what every registry
answers about them, as of the reference date.

The population is a pure function of the seed, drawn in a fixed order from one generator per
household; a refactoring of the generator (or of the scenarios) must leave every answer exactly
as it was. A deliberate change to the population (or a Python whose `random` draws differently)
changes the digest: then update it here, and say so in the commit.
"""

import hashlib
import json

from registry_mocks.building import REFERENCE_DATE
from registry_mocks.population import Population
from registry_mocks.registries import REGISTRIES
from registry_mocks.scenarios import SCENARIOS

DIGEST = "c2b9a86450121c476f3940b571e7434eb477a4b3c5f4132dc7bef8921b6f06fd"


def answers_digest() -> str:
    population = Population("stability", 60)
    pins = [p.pin for i in range(60) for p in population.household(i).members]
    pins += [pin for scenario in SCENARIOS.values() for pin in scenario.pins]
    answers = [
        [pin, code, registry.person(pin, population, REFERENCE_DATE)]
        for pin in pins
        for code, registry in REGISTRIES.items()
    ]
    table = [(s.number, s.name, s.expected, s.fault) for s in SCENARIOS.values()]
    text = json.dumps([answers, repr(table)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_registries_answer_as_they_always_did():
    assert answers_digest() == DIGEST
