from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from casework import services, tasks
from casework.models import AuditEvent, Case, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(registries, submit_scenario):
    # A family the registries (the mocks, over HTTP) confirm, so its case goes all the way.
    return submit_scenario("eligible")


def test_processing_a_case_twice_decides_it_once(case):
    tasks.process_case(case.pk)
    tasks.process_case(case.pk)  # at-least-once delivery: a second run changes nothing
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert (case.decision.outcome, case.decision.monthly_amount) == ("granted", Decimal("750.00"))
    assert Decision.objects.filter(case=case).count() == 1
    # received → enriched → decided → closed; one letter, one notice
    changes = AuditEvent.objects.filter(case=case, action="status_changed")
    assert [e.data["to"] for e in changes] == ["enriched", "decided", "closed"]
    assert AuditEvent.objects.filter(case=case, action="letter_issued").count() == 1
    assert case.notices.count() == 1 and case.notices.get().status == "delivered"


def test_a_case_cannot_skip_states(case):
    with pytest.raises(services.TransitionNotAllowed):
        services.transition(case, Case.Status.CLOSED)


def test_the_sweeper_re_enqueues_only_cases_stuck_past_the_limit(case, settings):
    settings.CASEWORK = {**settings.CASEWORK, "STUCK_CASE_AFTER_MINUTES": 30}
    assert tasks.sweep_stuck_cases() == 0  # just opened: not stuck yet
    Case.objects.filter(pk=case.pk).update(status_changed_at=timezone.now() - timedelta(hours=1))
    assert tasks.sweep_stuck_cases() == 1
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED  # the sync q2 test broker ran it
    assert case.decision.outcome == "granted"


def test_the_sweeper_is_scheduled():
    from django_q.models import Schedule

    assert Schedule.objects.filter(func="casework.tasks.sweep_stuck_cases").exists()
