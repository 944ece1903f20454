"""A required registry that does not answer makes a case wait and try again by itself; a person
takes over only when it stays unreachable for long (settings.CASEWORK["REGISTRY_WAIT_HOURS"])."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone, translation

from casework import pipeline, tasks
from casework.models import AuditEvent, Case, Notice, RegistryLookup, RegistrySource
from casework.status import case_status
from registry_mocks import faults
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def later(case, **delta):
    """A moment after the case's next try is due."""
    return time_machine.travel(case.registry_retry_at + timedelta(seconds=1, **delta), tick=False)


def test_a_case_waits_while_a_required_registry_is_down_and_is_decided_once_it_answers(
    registries, submit_scenario
):
    faults.set_faults("tax", error_rate=1.0)
    case = submit_scenario("eligible")
    tasks.process_case(case.pk)
    case.refresh_from_db()
    assert case.status == Case.Status.WAITING and case.waiting_for == ["tax"]
    assert not case.flags.exists() and not Notice.objects.filter(case=case).exists()
    waited = AuditEvent.objects.get(case=case, action="status_changed")
    assert waited.data["to"] == "waiting" and "tax" in waited.reason
    with translation.override("en"):
        status = case_status(case.submission, "en")
        assert not status.final and "asked again automatically" in str(status.detail)

    # Another delivery of the task before the next try is due asks nobody.
    asked = RegistryLookup.objects.filter(case=case).count()
    tasks.process_case(case.pk)
    assert RegistryLookup.objects.filter(case=case).count() == asked

    faults.reset_faults()
    with later(case):
        assert pipeline.retry_waiting_cases() == 1
    case.refresh_from_db()
    # Only the tax service was asked again; the rules decided on every registry's answer.
    asked_again = RegistryLookup.objects.filter(case=case).values_list("registry", flat=True)
    assert sorted(set(asked_again)) == sorted(registries)
    assert list(asked_again).count("tax") == 2
    assert list(asked_again).count("civil") == 1
    assert case.status == Case.Status.CLOSED and case.waiting_for == []
    assert case.decision.outcome == "granted"

    # The same as when every registry answers at once (tests/casework/test_decisions.py).
    assert case.decision.monthly_amount == Decimal("750.00")
    assert case.decision.explanation["en"][0].startswith("Average family income 450.00 AZN")


def test_a_registry_down_for_longer_than_the_wait_sends_the_case_to_a_person(
    registries, submit_scenario
):
    faults.set_faults("tax", error_rate=1.0)
    case = submit_scenario("eligible")
    tasks.process_case(case.pk)
    case.refresh_from_db()
    tries = [case.registry_retry_at]
    for _ in range(3):  # each try fails, and the next waits twice as long
        with later(case):
            pipeline.retry_waiting_cases()
        case.refresh_from_db()
        assert case.status == Case.Status.WAITING
        tries.append(case.registry_retry_at)
    gaps = [b - a for a, b in zip(tries, tries[1:], strict=False)]
    assert gaps[1] > gaps[0] and gaps[2] > gaps[1]
    assert AuditEvent.objects.filter(case=case, action="registries_still_unreachable").count() == 3

    with later(case, hours=24):
        pipeline.retry_waiting_cases()
    case.refresh_from_db()
    assert case.status == Case.Status.FLAGGED
    assert {f.kind for f in case.flags.all()} == {"registry_unreachable"}
    assert Notice.objects.filter(case=case, kind=Notice.Kind.DELAYED).count() == 1


def test_an_open_circuit_and_its_half_open_trial_flag_no_case(registries, submit_scenario):
    faults.set_faults("tax", error_rate=1.0)
    RegistrySource.objects.filter(code="tax").update(
        consecutive_failures=5, opened_until=timezone.now() + timedelta(minutes=1)
    )
    open_circuit = submit_scenario("eligible")
    tasks.process_case(open_circuit.pk)
    assert set(
        RegistryLookup.objects.filter(case=open_circuit, registry="tax").values_list(
            "outcome", flat=True
        )
    ) == {"circuit_open"}

    # Half-open: the next batch makes the one trial call, which fails; its cases wait too.
    RegistrySource.objects.filter(code="tax").update(
        opened_until=timezone.now() - timedelta(seconds=1)
    )
    trial = [submit_scenario(name) for name in ("disabled_child", "entrepreneur")]
    pipeline._process_together([c.pk for c in trial])
    cases = Case.objects.filter(pk__in=[open_circuit.pk, *(c.pk for c in trial)])
    assert [c.status for c in cases] == [Case.Status.WAITING] * 3
    assert not Case.objects.filter(status=Case.Status.FLAGGED).exists()


def test_supervisors_see_the_waiting_cases(client, registries, submit_scenario):
    faults.set_faults("tax", error_rate=1.0)
    case = submit_scenario("eligible")
    tasks.process_case(case.pk)
    client.login(username="supervisor", password=DEMO_PASSWORD)
    with translation.override("en"):
        board = client.get("/admin/casework/sla/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert case.reference in board and "tax" in board
