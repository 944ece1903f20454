"""The synthetic population: deterministic, consistent within a household, lazily reachable."""

import re
import time

from hypothesis import given
from hypothesis import strategies as st

from registry_mocks import identifiers
from registry_mocks.building import REFERENCE_DATE
from registry_mocks.identifiers import decode_pin, encode_pin, is_valid_pin
from registry_mocks.population import (
    MAX_HOUSEHOLDS,
    HouseholdGenerator,
    Population,
    current_population,
)

FIN = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")


def test_the_same_seed_gives_the_same_households():
    for index in range(30):
        assert HouseholdGenerator("s1", index).build() == HouseholdGenerator("s1", index).build()


def test_another_seed_gives_other_households():
    differing = sum(
        HouseholdGenerator("s1", i).build() != HouseholdGenerator("s2", i).build()
        for i in range(30)
    )
    assert differing == 30


def test_the_population_reads_its_seed_and_size_from_settings(mocks_settings):
    population = current_population()
    assert (population.seed, population.size) == ("test-seed", 200)
    mocks_settings.REGISTRY_MOCKS = {**mocks_settings.REGISTRY_MOCKS, "SEED": "other"}
    assert current_population().seed == "other"


@given(st.integers(0, MAX_HOUSEHOLDS - 1), st.integers(0, 7))
def test_a_pin_decodes_to_its_household_and_member(index, member):
    pin = encode_pin(index, member)
    assert FIN.match(pin)
    assert decode_pin(pin) == (index, member)


@given(st.text(alphabet=identifiers.PIN_ALPHABET, min_size=7, max_size=7))
def test_every_well_formed_pin_decodes_to_some_person_number(pin):
    index, member = decode_pin(pin)
    assert encode_pin(index, member) == pin


def test_malformed_pins_are_refused():
    for pin in [
        "5zjbkqg",
        "5ZJBKQ",
        "5ZJBKQGG",
        "5ZJBKQI",
        "5ZJBKQO",
        "5ZJ BKQ",
        "ƏZJBKQG",
        "",
        None,
        1234567,
    ]:
        assert not is_valid_pin(pin)


def test_generated_pins_are_valid_and_unique():
    population = Population("test-seed", 200)
    pins = [p.pin for i in range(200) for p in population.household(i).members]
    assert all(FIN.match(pin) for pin in pins)
    assert len(set(pins)) == len(pins)
    assert all(population.person(pin).pin == pin for pin in pins)


def test_identifiers_have_the_agencies_formats():
    population = Population("test-seed", 200)
    people = [p for i in range(200) for p in population.household(i).members]
    cards = [p.id_card.number for p in people if p.id_card]
    assert all(re.fullmatch(r"AA\d{7}|AZE\d{8}", card) for card in cards)
    assert len(set(cards)) == len(cards)
    mobiles = [p.mobile for p in people if p.mobile]
    assert all(re.fullmatch(r"\+994(50|51|55|70|77|99|10)\d{7}", mobile) for mobile in mobiles)
    ibans = [a.iban for p in people for a in p.bank_accounts]
    assert ibans and all(_iban_checks(iban) for iban in ibans)


def _iban_checks(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def test_households_hang_together():
    population = Population("test-seed", 200)
    for index in range(200):
        household = population.household(index)
        applicant = household.applicant
        assert applicant.relation == "applicant" and applicant.age(REFERENCE_DATE) >= 18
        assert 1 <= len(household.members) <= 8
        for person in household.members:
            for parent in household.parents_of(person):
                assert parent.age(REFERENCE_DATE) >= person.age(REFERENCE_DATE) + 15
            for marriage in person.marriages:
                if marriage.spouse_pin:
                    spouse = household.member(marriage.spouse_pin)
                    assert spouse.full_name == marriage.spouse_name
            fathers = [p for p in household.parents_of(person) if p.sex == "M"]
            if person.relation in ("son", "daughter") and fathers:
                # Children carry their father's name as their patronymic.
                assert person.father_name == fathers[0].given_name


def test_a_pin_outside_the_population_is_nobody():
    population = Population("test-seed", 200)
    assert population.person(encode_pin(200, 0)) is None
    last = population.household(199)
    assert population.person(encode_pin(199, len(last.members))) is None
    assert population.person("not-a-pin") is None


def test_a_million_people_cost_one_household_each():
    population = Population("big", 250_000)
    started = time.perf_counter()
    household = population.household(249_999)
    for person in household.members:
        assert population.person(person.pin) is person
    assert population.person(encode_pin(250_000, 0)) is None
    assert time.perf_counter() - started < 1.0


def test_monthly_series_are_computed_not_stored():
    household = Population("test-seed", 200).household(3)
    account = household.utilities[0]
    assert account.month(2031, 1) == account.month(2031, 1)  # any month, the same bill
    assert account.month(1990, 1) is None  # before the account was opened
