"""Replay gives every decision again; a draft's parameters are simulated on past cases before
they are published; both from the admin and the command line."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from casework import tasks
from casework.models import Decision, RuleParameters
from casework.simulations import replay_decisions, what_if
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(registries, submit_scenario):
    cases = [submit_scenario(name) for name in ("eligible", "vehicle_owner", "high_income")]
    for case in cases:
        tasks.process_case(case.pk)
    return cases


def test_replaying_the_decisions_gives_them_again(decided):
    report = replay_decisions()
    assert (report.decisions, report.differences) == (3, [])
    out = io.StringIO()
    call_command("replay_decisions", stdout=out)
    assert "3 decisions replayed" in out.getvalue() and "0 differ" in out.getvalue()


def test_a_decision_that_no_longer_follows_from_its_facts_is_reported(decided):
    Decision.objects.filter(case=decided[0]).update(monthly_amount=Decimal("700.00"))
    (difference,) = replay_decisions().differences
    assert difference.reference == decided[0].reference
    assert difference.stored[1] == Decimal("700.00")
    assert difference.recomputed[1] == Decimal("750.00")
    with pytest.raises(CommandError, match="1 decisions differ"):
        call_command("replay_decisions", stdout=io.StringIO())


def draft_with_need_criterion(amount: int) -> RuleParameters:
    """The demo parameters with a new draft (not published) raising 2026's need criterion."""
    parameters = RuleParameters.objects.get()
    draft = parameters.get_latest_revision_as_object()
    years = [(block.block_type, dict(block.value)) for block in draft.need_criterion]
    for _type, value in years:
        if value["valid_from"].year == 2026:
            value["amount"] = Decimal(amount)
    draft.need_criterion = years
    draft.save_revision()
    return parameters


def test_a_draft_is_simulated_on_the_decided_cases(decided):
    parameters = draft_with_need_criterion(350)
    report = what_if(parameters.get_latest_revision_as_object().parameter_values())
    # The eligible family of 4 gets 4 × 50 AZN more; the high-income family (2,350 AZN for 4)
    # stays refused; so does the vehicle owner.
    assert report.cases == 3
    assert (report.granted_to_refused, report.refused_to_granted) == (0, 0)
    assert report.monthly_change == Decimal("200.00")
    assert report.yearly_change == Decimal("2400.00")
    (change,) = report.largest
    assert change.reference == decided[0].reference
    assert (change.before, change.after) == (
        ("granted", Decimal("750.00")),
        ("granted", Decimal("950.00")),
    )
    # Publishing is what changes decisions; simulating changed none.
    assert Decision.objects.get(case=decided[0]).monthly_amount == Decimal("750.00")


def test_a_lower_criterion_turns_grants_into_refusals(decided):
    parameters = draft_with_need_criterion(100)  # 4 × 100 = 400 < 450 AZN of income
    report = what_if(parameters.get_latest_revision_as_object().parameter_values())
    assert report.granted_to_refused == 1
    assert report.monthly_change == Decimal("-750.00")
    out = io.StringIO()
    call_command("simulate_rules", stdout=out)
    assert "granted → refused: 1" in out.getvalue()


@pytest.mark.parametrize(
    "user,allowed", [("supervisor", True), ("moderator", True), ("editor", False)]
)
def test_the_simulation_beside_the_draft_in_the_admin(client, decided, user, allowed):
    parameters = draft_with_need_criterion(350)
    client.login(username=user, password=DEMO_PASSWORD)
    response = client.get(f"/admin/rule-parameters/{parameters.pk}/simulate/", follow=True)
    page = response.content.decode()
    # The largest change: the eligible family's 750 AZN would become 950 AZN.
    shown = re.search(r"750[.,]00 AZN\s*</td><td>[^<]*950[.,]00 AZN", page) is not None
    assert shown is allowed and (decided[0].reference in page) is allowed


def test_publishing_freezes_a_new_version_that_decides_later_applications(decided):
    parameters = draft_with_need_criterion(350)
    parameters.get_latest_revision().publish()
    assert list(parameters.versions.values_list("number", flat=True)) == [2, 1]
    assert parameters.versions.get(number=2).values["need_criterion"]["2026-01-01"] == 350
