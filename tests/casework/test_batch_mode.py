"""Batch mode: many waiting cases share their registry calls."""

from decimal import Decimal

import pytest

from casework import tasks
from casework.models import Case, RegistryLookup
from casework.services import enrich_cases

pytestmark = pytest.mark.django_db

FAMILIES = ["eligible", "vehicle_owner", "member_died"]


def test_waiting_cases_are_enriched_with_one_call_per_registry(registries, submit_scenario):
    cases = [submit_scenario(name) for name in FAMILIES]
    assert enrich_cases([c.pk for c in cases]) == 3

    statuses = dict(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("pk", "status"))
    assert [statuses[c.pk] for c in cases] == ["enriched", "enriched", "flagged"]
    lookups = RegistryLookup.objects.filter(case__in=cases)
    # Every member of every family, in every registry, stored per case and PIN ...
    members = sum(1 + len(c.submission.answers.get("family_members", [])) for c in cases)
    assert lookups.count() == members * len(registries)
    # ... from a single batch request per registry, shared by the three families.
    for code in registries:
        requests = {
            str(r.request.get("json", {}).get("pins")) for r in lookups.filter(registry=code)
        }
        assert len(requests) == 1, code
    civil = lookups.filter(registry="civil", pin=cases[0].submission.answers["pin"]).get()
    assert civil.case == cases[0] and civil.response["pin"] == civil.pin


def test_enriching_again_changes_nothing(registries, submit_scenario):
    case = submit_scenario("eligible")
    assert enrich_cases([case.pk]) == 1
    assert enrich_cases([case.pk]) == 0  # at-least-once delivery
    assert RegistryLookup.objects.filter(case=case).count() == 4 * len(registries)


def test_the_scheduled_batch_decides_what_it_enriched(registries, submit_scenario, settings):
    settings.CASEWORK = {**settings.CASEWORK, "ENRICH_IN_BATCHES": True, "BATCH_CASES": 2}
    cases = [submit_scenario(name) for name in FAMILIES]
    assert tasks.process_received_cases() == 2  # the oldest two
    statuses = [Case.objects.get(pk=c.pk).status for c in cases]
    assert statuses == ["closed", "closed", "received"]
    eligible, vehicle_owner = (Case.objects.get(pk=c.pk).decision for c in cases[:2])
    assert (eligible.outcome, eligible.monthly_amount) == ("granted", Decimal("750.00"))
    assert (vehicle_owner.outcome, vehicle_owner.grounds) == ("refused", ["vehicle"])
    assert tasks.process_received_cases() == 1
    assert Case.objects.get(pk=cases[2].pk).status == "flagged"


def test_in_batch_mode_a_submission_waits_for_the_batch(
    service_page, settings, django_capture_on_commit_callbacks
):
    from forms_app.services import submit_declaration
    from tests.forms_app.declaration import ANSWERS

    settings.CASEWORK = {**settings.CASEWORK, "ENRICH_IN_BATCHES": True}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submission = submit_declaration(
            service_page, service_page.current_form_version(), ANSWERS, channel="online"
        )
    assert [c for c in callbacks if c.__module__.startswith("casework")] == []  # no enqueue
    assert submission.case.status == Case.Status.RECEIVED
