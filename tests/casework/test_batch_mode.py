"""Batch mode: many waiting cases share their registry calls."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from casework import tasks
from casework.models import Case, Notice, PendingBatch, RegistryLookup
from casework.services import enrich_cases, take_received_cases
from tests.casework.test_enqueueing import broker  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

FAMILIES = ["eligible", "vehicle_owner", "member_died"]


def test_waiting_cases_are_enriched_with_one_call_per_registry(registries, submit_scenario):
    cases = [submit_scenario(name) for name in FAMILIES]
    assert enrich_cases([c.pk for c in cases]) == 3

    statuses = dict(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("pk", "status"))
    assert [statuses[c.pk] for c in cases] == ["enriched", "enriched", "flagged"]
    lookups = RegistryLookup.objects.filter(case__in=cases)
    # Every registry's answer, stored per case with each member's part ...
    assert lookups.count() == len(cases) * len(registries)
    for case in cases:
        members = [case.submission.answers["pin"]]
        members += [m["pin"] for m in case.submission.answers.get("family_members", [])]
        for lookup in lookups.filter(case=case):
            assert lookup.pins == members, lookup.registry
    # ... from a single batch request per registry, shared by the three families.
    members = sum(1 + len(c.submission.answers.get("family_members", [])) for c in cases)
    for code in registries:
        calls = {(r.request["url"], r.request["batch_size"]) for r in lookups.filter(registry=code)}
        assert len(calls) == 1 and calls.pop()[1] == members, code
    applicant = cases[0].submission.answers["pin"]
    civil = lookups.get(registry="civil", case=cases[0])
    assert civil.answers[applicant]["body"]["pin"] == applicant
    # The call as it was sent, but never the other families' PINs.
    assert "pins" not in civil.request["json"]
    assert not set(civil.answers) & {c.submission.answers["pin"] for c in cases[1:]}


def test_enriching_again_changes_nothing(registries, submit_scenario):
    case = submit_scenario("eligible")
    assert enrich_cases([case.pk]) == 1
    assert enrich_cases([case.pk]) == 0  # at-least-once delivery
    assert RegistryLookup.objects.filter(case=case).count() == len(registries)


def test_in_batch_mode_a_worker_takes_other_received_cases_along(
    registries, submit_scenario, settings
):
    settings.CASEWORK = {**settings.CASEWORK, "ENRICH_IN_BATCHES": True, "BATCH_CASES": 2}
    cases = [submit_scenario(name) for name in FAMILIES]
    # The task of the newest case takes the oldest waiting one along, one registry call each.
    assert tasks.process_case(cases[2].pk) == "flagged"
    statuses = [Case.objects.get(pk=c.pk).status for c in cases]
    assert statuses == ["closed", "received", "flagged"]
    first = RegistryLookup.objects.filter(case__in=[cases[0], cases[2]], registry="civil")
    assert len({lookup.request["batch_size"] for lookup in first}) == 1
    # The other task finds its case done, or takes what is left.
    assert tasks.process_case(cases[0].pk) == "closed"
    assert tasks.process_case(cases[1].pk) == "closed"
    eligible, vehicle_owner = (Case.objects.get(pk=c.pk).decision for c in cases[:2])
    assert (eligible.outcome, eligible.monthly_amount) == ("granted", Decimal("750.00"))
    assert (vehicle_owner.outcome, vehicle_owner.grounds) == ("refused", ["vehicle"])


def test_workers_running_at_once_take_different_cases(registries, submit_scenario, settings):
    settings.CASEWORK = {**settings.CASEWORK, "ENRICH_IN_BATCHES": True}
    cases = [submit_scenario(name) for name in FAMILIES]
    taken = take_received_cases(cases[0].pk, limit=2)
    assert taken == [cases[0].pk, cases[1].pk]
    # A second worker, meanwhile: the first's cases are not for it, its own is left to the first.
    assert take_received_cases(cases[1].pk, limit=2) == [cases[2].pk]
    assert take_received_cases(cases[0].pk, limit=5) == []


def test_a_batch_leaves_its_other_decided_cases_to_finishing_tasks_of_a_few_cases_each(
    registries,
    submit_scenario,
    settings,
    broker,  # noqa: F811
):
    """The letters, notices and closing take a while per case: the worker finishes its own case
    and enqueues the others' a few at a time, so a long batch never runs past the task's
    time-out with them, and every worker takes a share."""
    settings.CASEWORK = {**settings.CASEWORK, "ENRICH_IN_BATCHES": True, "FINISH_CASES": 2}
    families = ["high_income", "two_dwellings", *FAMILIES]
    cases = [submit_scenario(name) for name in families]
    tasks.process_case(cases[1].pk)
    statuses = [Case.objects.get(pk=c.pk).status for c in cases]
    assert statuses == ["decided", "closed", "decided", "decided", "flagged"]
    others = [cases[0].pk, cases[2].pk, cases[3].pk]
    assert broker.enqueued == [
        ("casework.tasks.finish_cases", others[:2]),
        ("casework.tasks.finish_cases", others[2:]),
    ]
    assert all(case.enqueued_at for case in Case.objects.filter(pk__in=others))
    for _func, case_ids in broker.enqueued:  # as the workers that take those tasks
        tasks.finish_cases(case_ids)
    assert set(Case.objects.filter(pk__in=others).values_list("status", flat=True)) == {"closed"}
    # The applicants were told, each once.
    told = Notice.objects.filter(case_id__in=others, kind="decision")
    assert sorted(told.values_list("case_id", flat=True)) == others
    assert not told.filter(status__in=Notice.PENDING).exists()


def test_a_batch_waits_for_the_cases_that_arrive_meanwhile(
    registries, submit_scenario, settings, monkeypatch
):
    """Applications coming one by one are still decided many at a time: the task of a new case
    waits until the oldest case nobody has taken is BATCH_GATHER_SECONDS old, then takes along
    what arrived meanwhile."""
    from casework import pipeline

    settings.CASEWORK = {
        **settings.CASEWORK,
        "ENRICH_IN_BATCHES": True,
        "BATCH_GATHER_SECONDS": 3.0,
    }
    first = submit_scenario("eligible")
    Case.objects.filter(pk=first.pk).update(received_at=timezone.now())  # it just came in
    waited, arrived = [], []

    def sleep(seconds):  # meanwhile, another application comes in
        waited.append(seconds)
        arrived.append(submit_scenario("vehicle_owner"))

    monkeypatch.setattr(pipeline.time, "sleep", sleep)
    assert tasks.process_case(first.pk) == "closed"
    assert len(waited) == 1 and 2.5 < waited[0] <= 3.0
    # The one that arrived was decided in the same batch: nothing waits for its own task.
    assert Case.objects.get(pk=arrived[0].pk).status == "closed"
    # A whole batch waiting already is taken at once.
    settings.CASEWORK = {**settings.CASEWORK, "BATCH_CASES": 1}
    third = submit_scenario("high_income")
    assert tasks.process_case(third.pk) == "closed" and len(waited) == 1


def test_a_burst_of_applications_makes_one_batch_task_not_one_each(
    registries,
    submit_scenario,
    settings,
    broker,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """In batch mode a submission enqueues a task only when no batch task waits in the queue:
    the waiting one takes it along. Once that task runs, the next submission enqueues the next;
    one that waited longer than a task can be held and run counts as lost."""
    settings.CASEWORK = {**settings.CASEWORK, "ENRICH_IN_BATCHES": True}
    with django_capture_on_commit_callbacks(execute=True):
        burst = [submit_scenario(name) for name in FAMILIES]
    assert broker.enqueued == [("casework.tasks.process_case", burst[0].pk)]
    # Each is noted as enqueued: the sweeper leaves them to the batch.
    assert all(case.enqueued_at for case in Case.objects.filter(pk__in=[c.pk for c in burst]))

    tasks.process_case(burst[0].pk)  # the worker takes the batch task: all three go
    assert set(
        Case.objects.filter(pk__in=[c.pk for c in burst]).values_list("status", flat=True)
    ) <= {
        "decided",
        "closed",
        "flagged",
    }
    with django_capture_on_commit_callbacks(execute=True):
        later = submit_scenario("high_income")
    assert broker.enqueued[-1] == ("casework.tasks.process_case", later.pk)

    # A batch task lost with its broker: after a task's retry and time-out, a new one goes.
    lost = timezone.now() - timedelta(
        seconds=settings.Q_CLUSTER["retry"] + settings.Q_CLUSTER["timeout"] + 1
    )
    PendingBatch.objects.filter(pk=1).update(queued_at=lost)
    with django_capture_on_commit_callbacks(execute=True):
        after_loss = submit_scenario("two_dwellings")
    assert broker.enqueued[-1] == ("casework.tasks.process_case", after_loss.pk)
    batch_tasks = [task for task in broker.enqueued if task[0] == "casework.tasks.process_case"]
    assert len(batch_tasks) == 3
