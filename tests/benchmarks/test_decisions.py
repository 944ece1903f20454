"""How fast the rules decide: one family at a time (as a q2 task per case does) against batches of
1,000 families in one vectorised simulation (as batch mode does), both with the trace every
decision stores; then replay of every stored decision and a draft's what-if over the seed's
42,000 past cases (BENCH_DECIDED_CASES)."""

import os
import random
from datetime import date
from decimal import Decimal

import pytest

from casework.models import Case, Decision, RuleParameters
from casework.rules.engine import assess
from casework.rules.explain import explain
from casework.services.rules import rule_set_for, rules_of
from casework.simulations import replay_decisions, what_if
from forms_app.models import EServicePage, Submission
from tests.rules.situations import situation

from .figures import heading, line, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

ONE_BY_ONE = int(os.environ.get("BENCH_ONE_BY_ONE", "300"))
BATCH = 1000
DECIDED_CASES = int(os.environ.get("BENCH_DECIDED_CASES", "42000"))


def families(count: int, seed: int = 7):
    """Families of 1–8 people: an earner, a carer, children, now and then a pensioner or an idle
    adult; incomes, costs and property that reach every outcome."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        people = [{"born": "1985-03-01", "salary": rng.randrange(0, 1400), "employed": True}]
        people += [{"born": "1988-06-01", "declared_carer": True}] * rng.randint(0, 1)
        people += [{"born": "2019-09-01"}] * rng.randint(0, 5)
        if rng.random() < 0.1:
            people.append({"born": "1955-01-01", "pension": 300, "pensioner": True})
        if rng.random() < 0.05:
            people.append({"born": "1999-01-01"})
        made.append(
            situation(
                "2026-11-25",
                people[:8],
                registry_utility_costs=rng.randrange(2000, 30000),
                registry_vehicles=int(rng.random() < 0.08),
            )
        )
    return made


@pytest.fixture(scope="module")
def rules():
    from pages.management.commands._demo_rules import RULE_PARAMETERS

    return rules_of(RuleParameters(**RULE_PARAMETERS).parameter_values())


def test_decisions_per_second(rules):
    heading("Decisions: one family a simulation against 1,000 a simulation (with the trace)")
    few = families(ONE_BY_ONE)

    def one_by_one():
        for facts in few:
            (assessment,) = assess([facts], rules, trace=True)
            explain(assessment.trace, facts, assessment.grounds)

    seconds, _ = timed(one_by_one)
    baseline = ONE_BY_ONE / seconds
    line("one at a time", families=ONE_BY_ONE, seconds=seconds, per_second=baseline)

    many = families(BATCH, seed=8)

    def batch(trace: bool):
        assessments = assess(many, rules, trace=trace)
        if trace:
            for facts, assessment in zip(many, assessments, strict=True):
                explain(assessment.trace, facts, assessment.grounds)
        return assessments

    for trace in (True, False):
        seconds, assessments = timed(batch, trace)
        label = "1,000 at once" + (" + trace" if trace else "")
        line(
            label,
            families=BATCH,
            seconds=seconds,
            per_second=BATCH / seconds,
            ratio=(BATCH / seconds) / baseline,
        )
    outcomes = {a.outcome for a in assessments}
    assert outcomes == {"granted", "refused"}


def _store_decided_cases(count: int, rules) -> int:
    """`count` decided cases, stored as decide_cases stores them (facts, result; the trace left
    out: neither replay nor what-if reads it)."""
    from casework.selectors import parameters_version_in_force

    service = EServicePage.objects.get(locale__language_code="az", reference_prefix="UDSY")
    rule_set = rule_set_for(parameters_version_in_force(date(2026, 11, 25)))
    made = 0
    while made < count:
        size = min(5000, count - made)
        facts = families(size, seed=100 + made)
        submissions = Submission.objects.bulk_create(
            Submission(
                service=service,
                reference=f"BENCH-2026-{made + i:06d}",
                channel="api",
                language="az",
                answers={},
                digest="0" * 64,
            )
            for i in range(size)
        )
        cases = Case.objects.bulk_create(
            Case(submission=s, reference=s.reference, status=Case.Status.DECIDED)
            for s in submissions
        )
        assessments = assess(facts, rules)
        Decision.objects.bulk_create(
            Decision(
                case=case,
                outcome=a.outcome,
                monthly_amount=a.monthly_benefit if a.granted else None,
                grounds=a.grounds,
                rule_set=rule_set,
                facts=f.as_json(),
            )
            for case, a, f in zip(cases, assessments, facts, strict=True)
        )
        made += size
    return made


def test_replay_and_what_if_over_the_seeds_cases(rules):
    heading(f"Replay and what-if over {DECIDED_CASES:,} decided cases")
    seconds, stored = timed(_store_decided_cases, DECIDED_CASES, rules)
    line("stored", cases=stored, seconds=seconds)

    seconds, report = timed(replay_decisions)
    line(
        "replay",
        decisions=report.decisions,
        seconds=seconds,
        per_second=report.decisions / seconds,
        differences=len(report.differences),
    )
    assert report.decisions == DECIDED_CASES and report.differences == []

    draft = RuleParameters.objects.get().get_latest_revision_as_object().parameter_values()
    draft["need_criterion"]["2026-01-01"] = 320
    seconds, whatif = timed(what_if, draft)
    line(
        "what-if (draft)",
        cases=whatif.cases,
        seconds=seconds,
        per_second=whatif.cases / seconds,
        refused_to_granted=whatif.refused_to_granted,
        monthly_change=float(whatif.monthly_change),
    )
    assert whatif.cases == DECIDED_CASES and whatif.monthly_change > Decimal("0")
