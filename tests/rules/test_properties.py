"""Properties the rules keep for any family (hypothesis draws the families)."""

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.rules.engine import assess

from .situations import situation

APPLIED = st.sampled_from(["2025-03-14", "2025-12-31", "2026-01-01", "2026-11-25"])
person = st.fixed_dictionaries(
    {
        "born": st.dates(min_value=date(1940, 1, 1), max_value=date(2025, 12, 31)).map(str),
        "salary": st.decimals(min_value=0, max_value=5000, places=2).map(float),
        "employed": st.booleans(),
        "disabled": st.booleans(),
    }
)
family = st.lists(person, min_size=1, max_size=8)
costs = st.integers(min_value=0, max_value=100_000)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def one(rules, facts):
    (assessment,) = assess([facts], rules)
    return assessment


@SETTINGS
@given(applied=APPLIED, people=family, utility=costs)
def test_the_amount_is_never_negative_and_only_a_grant_pays(rules, applied, people, utility):
    result = one(rules, situation(applied, people, registry_utility_costs=utility))
    assert result.monthly_benefit >= 0
    assert (result.monthly_benefit > 0) == result.granted


@SETTINGS
@given(applied=APPLIED, people=family, raise_by=st.decimals(min_value=0, max_value=3000, places=2))
def test_more_income_never_means_more_assistance(rules, applied, people, raise_by):
    before = one(rules, situation(applied, people))
    richer = [dict(people[0], salary=people[0]["salary"] + float(raise_by)), *people[1:]]
    after = one(rules, situation(applied, richer))
    assert after.monthly_benefit <= before.monthly_benefit


@SETTINGS
@given(applied=APPLIED, people=family, vehicles=st.integers(min_value=1, max_value=3))
def test_a_vehicle_never_turns_a_refusal_into_a_grant(rules, applied, people, vehicles):
    without = one(rules, situation(applied, people))
    with_car = one(rules, situation(applied, people, registry_vehicles=vehicles))
    assert not with_car.granted
    if not without.granted:
        assert with_car.monthly_benefit == Decimal("0")


@SETTINGS
@given(applied=APPLIED, people=family)
def test_one_family_alone_or_among_others_gets_the_same_verdict(rules, applied, people):
    facts = situation(applied, people)
    others = [situation("2026-11-25", [{"born": "1980-01-01", "salary": 100.0}])] * 3
    alone = one(rules, facts)
    among = assess([*others, facts, *others], rules)[3]
    assert (among.granted, among.monthly_benefit, among.grounds) == (
        alone.granted,
        alone.monthly_benefit,
        alone.grounds,
    )
