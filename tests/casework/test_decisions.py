"""Every scenario family of the registry mocks reaches its expected outcome through the real path:
submission → the queue → the registries over HTTP → the rules. For a granted family the amount is
computed here, independently, from the registries' raw answers, and must match to the qəpik."""

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine
from django.conf import settings

from casework import pipeline, tasks
from casework.audit import verify_audit_chain
from casework.models import Case, Decision, RegistryLookup
from registry_mocks.scenarios import SCENARIOS
from tests.casework.conftest import AS_OF

SCENARIOS_BY_NAME = {s.name: s for s in SCENARIOS.values()}

pytestmark = pytest.mark.django_db

NEED_CRITERION_2026 = Decimal("300")
GROUND_CODES = {
    1: "false_information",
    2: "income",
    3: "purchases_and_sales",
    4: "vehicle",
    5: "no_reason_for_not_working",
    6: "utility_costs",
    7: "several_dwellings",
}
# Scenarios whose reason names no ground number: false information bars for a year (ground 1).
EXPECTED_GROUND = {"false_information_bar": "false_information"}


def window_months(as_of: date) -> list[str]:
    index = as_of.year * 12 + as_of.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - 12, index)]


def months_touched(start: str, end: str | None, months: list[str]) -> int:
    first, last = date.fromisoformat(start), date.fromisoformat(end) if end else None
    count = 0
    for month in months:
        year, number = map(int, month.split("-"))
        month_start = date(year, number, 1)
        month_end = date(year, number, calendar.monthrange(year, number)[1])
        count += first <= month_end and (last is None or last >= month_start)
    return count


def income_from_raw_answers(case: Case, pin: str) -> Decimal:
    """A member's income of the 12 months before the application, read straight from the
    registries' stored answers: what the tax service says was paid, month by month; e-labour's
    contracts only for employers the tax service has no payments from; pensions and benefits;
    unemployment insurance; stipends."""
    months = window_months(AS_OF)
    answers = {
        lookup.registry: lookup.answers[pin]["body"]
        for lookup in RegistryLookup.objects.filter(case=case)
        if lookup.outcome_for(pin) == "found"
    }
    total = Decimal("0")
    taxed_employers = set()
    for entry in (answers.get("tax") or {}).get("incomes", []):
        if entry["period"] in months:
            total += Decimal(str(entry["gross"]))
            taxed_employers.add(entry["payerVoen"])
    for contract in (answers.get("labour") or {}).get("contracts", []):
        if contract["employer"]["voen"] in taxed_employers:
            continue
        salary = contract["salary"]
        amount = Decimal(str(salary.get("amount", salary.get("value"))))
        total += amount * months_touched(contract["startDate"], contract["endDate"], months)
    for payment in ((answers.get("sspf") or {}).get("data") or {}).get("payments", []):
        if payment["month"] in months:
            total += Decimal(str(payment["amount"]))
    insurance = ((answers.get("employment") or {}).get("result") or {}).get(
        "unemployment_insurance"
    )
    if insurance:
        monthly = Decimal(str(insurance["monthly_amount"]))
        total += monthly * months_touched(insurance["from"], insurance["to"], months)
    for study in (answers.get("education") or {}).get("studentRecords", []):
        if study["monthlyStipend"] is not None:
            stipend = Decimal(str(study["monthlyStipend"]))
            studied = months_touched(study["enrolledOn"], study["expectedGraduation"], months)
            total += stipend * studied
    return total


def expected_grounds(scenario) -> str:
    if scenario.name in EXPECTED_GROUND:
        return EXPECTED_GROUND[scenario.name]
    number = int(scenario.reason.split("ground ", 1)[1][0])
    return GROUND_CODES[number]


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=lambda s: s.name)
def test_every_scenario_reaches_its_expected_outcome(registries, submit_scenario, scenario):
    case = submit_scenario(scenario.name)
    tasks.process_case(case.pk)
    case.refresh_from_db()

    if scenario.fault and scenario.expected == "flagged":
        # The registry's fault is this applicant's, for good: the case waits and asks again,
        # and goes to a person once the wait is over.
        assert case.status == Case.Status.WAITING
        over = case.status_changed_at + timedelta(hours=settings.CASEWORK["REGISTRY_WAIT_HOURS"])
        with time_machine.travel(over + timedelta(minutes=1), tick=False):
            pipeline.retry_waiting_cases()
        case.refresh_from_db()
    if scenario.expected == "flagged":
        assert case.status == Case.Status.FLAGGED
        assert not Decision.objects.filter(case=case).exists()
        return
    assert case.status == Case.Status.CLOSED
    decision = case.decision
    if scenario.expected == "refused":
        assert decision.outcome == Decision.Outcome.REFUSED
        assert expected_grounds(scenario) in decision.grounds
        assert decision.monthly_amount is None
        assert len(decision.explanation["en"]) > len(decision.grounds)  # a line per ground
        return

    assert decision.outcome == Decision.Outcome.GRANTED and decision.grounds == []
    pins = scenario.pins
    income = sum((income_from_raw_answers(case, pin) for pin in pins), Decimal("0"))
    average = (income / 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    expected = NEED_CRITERION_2026 * len(pins) - average
    assert decision.monthly_amount == expected
    assert (decision.period_start, decision.period_end) == (date(2026, 11, 1), date(2027, 10, 31))
    assert (
        f"{expected:,.2f} AZN a month from 1 Nov 2026 to 31 Oct 2027"
        in (decision.explanation["en"][0])
    )
    assert verify_audit_chain() is None


def test_the_eligible_familys_explanation_in_three_languages(registries, submit_scenario):
    case = submit_scenario("eligible")
    tasks.process_case(case.pk)
    decision = Case.objects.get(pk=case.pk).decision
    assert decision.explanation["en"][0] == (
        "Average family income 450.00 AZN a month (Nov 2025 – Oct 2026) is below 4 × 300.00 AZN "
        "= 1,200.00 AZN: assistance of 750.00 AZN a month from 1 Nov 2026 to 31 Oct 2027."
    )
    assert "450,00 AZN" in decision.explanation["az"][0]
    assert "1 200,00 AZN" in decision.explanation["az"][0]
    assert "1 noyabr 2026" in decision.explanation["az"][0]
    assert "с 1 ноября 2026 по 31 октября 2027" in decision.explanation["ru"][0]


def test_a_refusal_for_an_undeclared_salary_shows_both_sides(registries, submit_scenario):
    case = submit_scenario("undeclared_salary")
    tasks.process_case(case.pk)
    decision = Case.objects.get(pk=case.pk).decision
    (line,) = [s for s in decision.explanation["en"] if s.startswith("1.")]
    assert "0.00 AZN was declared for the 12 months" in line
    assert "Bravo Supermarket" in line


def test_a_member_declared_in_another_open_application_is_flagged(
    registries, submit_scenario, service_page
):
    """The mother applies for the family while the father's application is open: the same people
    in two open applications is for a person to judge (a split family, or a false one)."""
    from datetime import datetime, time

    from django.utils import timezone

    from forms_app.services import submit_declaration
    from tests.casework.conftest import scenario_answers

    first = submit_scenario("eligible")
    answers = scenario_answers(SCENARIOS_BY_NAME["eligible"])
    father, mother = answers["pin"], answers["family_members"][0]["pin"]
    answers["pin"], answers["family_members"][0]["pin"] = mother, father
    submission = submit_declaration(
        service_page, service_page.current_form_version(), answers, channel="online"
    )
    received = datetime.combine(AS_OF, time(11), tzinfo=timezone.get_current_timezone())
    Case.objects.filter(submission=submission).update(received_at=received)
    second = Case.objects.get(submission=submission)
    tasks.process_case(second.pk)
    second.refresh_from_db()
    assert second.status == Case.Status.FLAGGED
    found = [d for d in second.discrepancies if d["kind"] == "second_open_application"]
    assert {d["pin"] for d in found} == set(SCENARIOS_BY_NAME["eligible"].pins)
    assert all(first.reference in d["found"] for d in found)


def test_a_decided_application_is_no_longer_open(registries, submit_scenario):
    first = submit_scenario("eligible")
    tasks.process_case(first.pk)
    again = submit_scenario("eligible")
    tasks.process_case(again.pk)
    assert Case.objects.get(pk=again.pk).status == Case.Status.CLOSED
