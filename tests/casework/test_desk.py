"""The caseworker's desk: who sees which case, claims, settling facts with a reason, four eyes,
look-ups run again, the deadline's alerts, the audit check and the Supervisors' board."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from casework import tasks
from casework.deadlines import alert_deadlines
from casework.models import AuditEvent, Case, DeadlineAlert, RegistryLookup, Resolution
from casework.services import desk
from registry_mocks import faults
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture(autouse=True)
def in_english():
    """The services' messages are in the active language: English, to read them here."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(db):
    named = {name: User.objects.get(username=name) for name in ("caseworker", "supervisor")}
    second = User.objects.create_user("caseworker2", password=DEMO_PASSWORD)
    second.groups.add(Group.objects.get(name="Caseworkers"))
    boss2 = User.objects.create_user("supervisor2", password=DEMO_PASSWORD)
    boss2.groups.add(Group.objects.get(name="Supervisors"))
    return {**named, "caseworker2": second, "supervisor2": boss2}


def flagged(submit_scenario, name):
    case = submit_scenario(name)
    tasks.process_case(case.pk)
    case.refresh_from_db()
    assert case.status == Case.Status.FLAGGED
    return case


def decided(submit_scenario, name="eligible"):
    case = submit_scenario(name)
    tasks.process_case(case.pk)
    return Case.objects.get(pk=case.pk)


def login(client, name):
    client.login(username=name, password=DEMO_PASSWORD)
    return client


# Who sees what -----------------------------------------------------------------------------------


def test_a_caseworker_sees_only_flagged_cases(client, registries, submit_scenario, people):
    waiting = flagged(submit_scenario, "member_died")
    done = decided(submit_scenario)
    login(client, "caseworker")
    queue = client.get("/admin/cases/").content.decode()
    assert waiting.reference in queue and done.reference not in queue
    assert client.get(f"/admin/casework/case/{waiting.pk}/").status_code == 200
    assert client.get(f"/admin/casework/case/{done.pk}/").status_code == 404


def test_a_supervisor_sees_every_case(client, registries, submit_scenario, people):
    waiting = flagged(submit_scenario, "member_died")
    done = decided(submit_scenario)
    queue = login(client, "supervisor").get("/admin/cases/").content.decode()
    assert waiting.reference in queue and done.reference in queue
    page = client.get(f"/admin/casework/case/{done.pk}/").content.decode()
    assert "750" in page and "Average family income" in page or "orta aylıq gəliri" in page


@pytest.mark.parametrize("name", ["operator", "editor", "moderator"])
def test_others_see_no_case(client, registries, submit_scenario, people, name):
    waiting = flagged(submit_scenario, "member_died")
    login(client, name)
    assert client.get("/admin/cases/").status_code in (302, 403)
    assert client.get(f"/admin/casework/case/{waiting.pk}/").status_code in (302, 403, 404)
    assert waiting.reference not in client.get("/admin/").content.decode()


def test_the_queue_filters_and_counts_the_overdue(
    client, settings, registries, submit_scenario, people
):
    settings.CASEWORK = {**settings.CASEWORK, "REGISTRY_WAIT_HOURS": 0}  # no retries: a person
    died = flagged(submit_scenario, "member_died")
    timeout = flagged(submit_scenario, "fault_timeout")
    Case.objects.filter(pk=died.pk).update(due_date=timezone.localdate() - timedelta(days=2))
    login(client, "caseworker")
    by_kind = client.get("/admin/cases/?flag=member_deceased").content.decode()
    assert died.reference in by_kind and timeout.reference not in by_kind
    by_registry = client.get("/admin/cases/?registry=tax").content.decode()
    assert timeout.reference in by_registry and died.reference not in by_registry
    overdue = client.get("/admin/cases/?days_left=overdue").content.decode()
    assert died.reference in overdue and timeout.reference not in overdue


def test_cases_are_found_by_reference_its_beginning_its_number_or_a_declared_fin(
    client, registries, submit_scenario, people, settings
):
    settings.ADMIN_LISTINGS = {"EXACT_COUNT_UP_TO": 1}
    died = flagged(submit_scenario, "member_died")
    other = decided(submit_scenario)
    login(client, "supervisor")

    def found(query):
        page = client.get("/admin/cases/", {"q": query}).content.decode()
        return {c.reference for c in (died, other) if c.reference in page}

    assert found(died.reference.lower()) == {died.reference}
    assert found(died.reference[:-2]) >= {died.reference}
    assert found(died.reference.rsplit("-", 1)[1]) == {died.reference}  # the number alone
    member = died.members.exclude(pin__in=other.members.values("pin")).first()
    assert found(f" {member.pin.lower()} ") == {died.reference}
    assert found("UDSY-1999") == set()
    # Two cases, past an exact-count limit of one: no false total (the admin speaks Azerbaijani).
    page = client.get("/admin/cases/").content.decode()
    assert "1-dan çox" in page


def test_the_open_cases_index_covers_exactly_the_statuses_not_final():
    """The partial index's condition spells out Case.FINAL_STATUSES: a status added to one and
    not the other would leave open cases out of the index (or closed ones in it)."""
    (index,) = [i for i in Case._meta.indexes if i.name == "case_open_by_due_date"]
    ((lookup, statuses),) = index.condition.children
    assert index.condition.negated and lookup == "status__in"
    assert set(statuses) == set(Case.FINAL_STATUSES)


# Claiming ----------------------------------------------------------------------------------------


def test_one_holder_at_a_time(client, registries, submit_scenario, people):
    case = flagged(submit_scenario, "member_died")
    desk.claim_case(case.pk, people["caseworker"])
    with pytest.raises(desk.DeskError, match="Someone else"):
        desk.claim_case(case.pk, people["caseworker2"])
    # The other caseworker sees the case but changes nothing.
    login(client, "caseworker2")
    assert client.get(f"/admin/casework/case/{case.pk}/").status_code == 200
    client.post(f"/admin/casework/case/{case.pk}/resolve/", {"reason": "mine now"})
    client.post(f"/admin/casework/case/{case.pk}/release/", {"reason": "mine now"})
    case.refresh_from_db()
    assert case.holder == people["caseworker"] and case.status == Case.Status.FLAGGED
    assert not Resolution.objects.exists()


def test_release_and_reassign_are_recorded_with_their_reason(registries, submit_scenario, people):
    case = flagged(submit_scenario, "member_died")
    desk.claim_case(case.pk, people["caseworker"])
    with pytest.raises(desk.DeskError, match="reason"):
        desk.release_case(case.pk, people["caseworker"], "  ")
    desk.release_case(case.pk, people["caseworker"], "on leave from tomorrow")
    desk.reassign_case(case.pk, people["supervisor"], people["caseworker2"], "workload")
    case.refresh_from_db()
    assert case.holder == people["caseworker2"]
    events = AuditEvent.objects.filter(case=case).values_list("action", "reason")
    assert ("case_released", "on leave from tomorrow") in events
    assert ("case_reassigned", "workload") in events
    with pytest.raises(desk.DeskError):
        desk.reassign_case(case.pk, people["caseworker"], people["caseworker2"], "not mine")


@pytest.mark.django_db(transaction=True)
def test_two_claiming_at_once_one_wins(live_demo_site, mocks_url, registries, submit_scenario):
    case = flagged(submit_scenario, "member_died")
    workers = [User.objects.create_user(f"racer{n}", password=DEMO_PASSWORD) for n in range(2)]
    for worker in workers:
        worker.groups.add(Group.objects.get(name="Caseworkers"))
    barrier, outcomes = threading.Barrier(2), []

    def claim(user):
        barrier.wait()
        try:
            desk.claim_case(case.pk, user)
            outcomes.append("won")
        except desk.DeskError:
            outcomes.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["lost", "won"]
    assert AuditEvent.objects.filter(case=case, action="case_claimed").count() == 1


# Resolving ---------------------------------------------------------------------------------------


def test_settling_a_fact_the_rules_agree_with_decides_at_once(
    registries, submit_scenario, people, django_capture_on_commit_callbacks
):
    """The grandmother died in August: without her (and her pension) the family of 4 earns
    450 AZN a month: 4 × 300 − 450 = 750 AZN, granted as on the registries' facts."""
    case = flagged(submit_scenario, "member_died")
    grandmother = case.submission.answers["family_members"][-1]["pin"]
    caseworker = people["caseworker"]
    desk.claim_case(case.pk, caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        resolution = desk.propose_resolution(
            case.pk,
            caseworker,
            {f"person:{grandmother}:counted_in_family": False},
            "death certificate of 14 August 2026 in the civil registry",
        )
    assert resolution.status == Resolution.Status.APPLIED and not resolution.reverses_the_rules
    case.refresh_from_db()
    # Decided, then finished like any decision: the letter issued, the applicant told, closed.
    assert case.status == Case.Status.CLOSED
    assert case.notices.get(kind="decision").status == "delivered"
    decision = case.decision
    assert (decision.outcome, decision.monthly_amount) == ("granted", Decimal("750.00"))
    assert decision.decided_by == caseworker and decision.resolution == resolution
    persons = {p["id"]: p for p in decision.facts["persons"]}
    assert persons[grandmother]["inputs"]["counted_in_family"] is False
    (event,) = [
        e
        for e in AuditEvent.objects.filter(case=case, action="status_changed")
        if e.data["to"] == "decided"
    ]
    assert event.actor == caseworker and "death certificate" in event.reason


def test_a_reversal_needs_a_second_person(client, registries, submit_scenario, people):
    """The rules grant the family on the registries' facts; the caseworker finds a car the road
    police don't know of: refusing reverses the rules, so a Supervisor must approve."""
    case = flagged(submit_scenario, "member_unknown")
    caseworker, supervisor = people["caseworker"], people["supervisor"]
    desk.claim_case(case.pk, caseworker)
    resolution = desk.propose_resolution(
        case.pk, caseworker, {"family:registry_vehicles": 1}, "a car seen at the visit"
    )
    assert resolution.status == Resolution.Status.AWAITING_APPROVAL
    assert (resolution.automatic_outcome, resolution.outcome) == ("granted", "refused")
    case.refresh_from_db()
    assert case.status == Case.Status.FLAGGED and not hasattr(case, "decision")

    # The proposer can't approve it: not through the service, the page, nor the database.
    supervisor_who_proposed = people["supervisor2"]
    with pytest.raises(desk.DeskError, match="Only a supervisor"):
        desk.approve_resolution(resolution.pk, caseworker)
    Resolution.objects.filter(pk=resolution.pk).update(proposed_by=supervisor_who_proposed)
    with pytest.raises(desk.DeskError, match="Someone else must approve your own"):
        desk.approve_resolution(resolution.pk, supervisor_who_proposed)
    login(client, "supervisor2").post(
        f"/admin/casework/case/{case.pk}/resolutions/{resolution.pk}/approve/", {"note": "ok"}
    )
    assert Resolution.objects.get(pk=resolution.pk).status == Resolution.Status.AWAITING_APPROVAL
    with pytest.raises(IntegrityError), transaction.atomic():
        Resolution.objects.filter(pk=resolution.pk).update(reviewed_by=supervisor_who_proposed)
    Resolution.objects.filter(pk=resolution.pk).update(proposed_by=caseworker)

    desk.approve_resolution(resolution.pk, supervisor, "checked the photo")
    case.refresh_from_db()
    assert case.status == Case.Status.DECIDED  # the letter and notice follow once committed
    assert (case.decision.outcome, case.decision.grounds) == ("refused", ["vehicle"])
    assert case.decision.decided_by == caseworker
    approved = AuditEvent.objects.filter(case=case, action="status_changed").last()
    assert approved.actor == supervisor and approved.data["approved_by"] == "supervisor"


def test_a_rejected_resolution_leaves_the_case_to_its_caseworker(
    registries, submit_scenario, people
):
    case = flagged(submit_scenario, "member_unknown")
    desk.claim_case(case.pk, people["caseworker"])
    resolution = desk.propose_resolution(
        case.pk, people["caseworker"], {"family:registry_vehicles": 1}, "a car?"
    )
    desk.reject_resolution(resolution.pk, people["supervisor"], "no evidence of a car")
    case.refresh_from_db()
    assert case.status == Case.Status.FLAGGED
    assert Resolution.objects.get(pk=resolution.pk).status == Resolution.Status.REJECTED


def test_only_named_facts_can_be_settled(registries, submit_scenario, people):
    case = flagged(submit_scenario, "member_died")
    desk.claim_case(case.pk, people["caseworker"])
    with pytest.raises(desk.DeskError):
        desk.propose_resolution(case.pk, people["caseworker"], {"family:income": 0}, "why not")


def test_illegal_transitions_raise(registries, submit_scenario, people):
    case = decided(submit_scenario)
    with pytest.raises(desk.DeskError, match="no longer waiting"):
        desk.claim_case(case.pk, people["caseworker"])


# The page, through HTTP --------------------------------------------------------------------------


def test_the_case_page_shows_both_sides_and_resolves(client, registries, submit_scenario, people):
    case = flagged(submit_scenario, "member_died")
    login(client, "caseworker")
    page = client.get(f"/admin/casework/case/{case.pk}/").content.decode()
    assert "member_deceased" in page and "died 2026-08-14" in page
    client.post(f"/admin/casework/case/{case.pk}/claim/")
    page = client.get(f"/admin/casework/case/{case.pk}/").content.decode()
    grandmother = case.submission.answers["family_members"][-1]["pin"]
    field = f"person:{grandmother}:counted_in_family"
    assert f'name="{field}"' in page
    # Every fact as the page shows it, with one changed: only that one is an override.
    from casework.forms import ResolutionForm
    from casework.services.decisions import case_facts

    shown = ResolutionForm(facts=case_facts(case), names={})
    form = {"reason": "death certificate"}
    for name, bound in shown.fields.items():
        initial = bound.initial
        if isinstance(initial, bool):
            if initial:
                form[name] = "on"
        elif initial is not None:
            form[name] = str(initial)
    del form[field]
    client.post(f"/admin/casework/case/{case.pk}/resolve/", form)
    resolution = Resolution.objects.get(case=case)
    assert resolution.overrides == {field: False}
    assert Case.objects.get(pk=case.pk).decision.monthly_amount == Decimal("750.00")


def test_running_a_registry_again_keeps_the_old_answers(
    settings, registries, submit_scenario, people
):
    settings.CASEWORK = {**settings.CASEWORK, "REGISTRY_WAIT_HOURS": 0}  # no retries: a person
    case = flagged(submit_scenario, "fault_timeout")  # the tax service never answered
    assert {f.kind for f in case.flags.all()} == {"registry_unreachable"}
    before = RegistryLookup.objects.filter(case=case, registry="tax").count()
    desk.claim_case(case.pk, people["caseworker"])
    from registry_mocks.scenarios import by_name

    # The tax service answers now (the scenario's fault was its applicant's; a member was fine).
    faults.set_faults("tax", latency_ms=0)
    case = desk.rerun_lookups(case.pk, people["caseworker"], registry="tax")
    assert RegistryLookup.objects.filter(case=case, registry="tax").count() == 2 * before
    newest = RegistryLookup.objects.filter(case=case, registry="tax").latest("requested_at", "pk")
    assert by_name("fault_timeout").pins[0] in newest.pins
    assert AuditEvent.objects.filter(case=case, action="lookups_rerun").exists()


# The clock ---------------------------------------------------------------------------------------


def test_the_caseworker_is_warned_and_supervisors_told_when_overdue(
    registries, submit_scenario, people
):
    case = flagged(submit_scenario, "member_died")
    desk.claim_case(case.pk, people["caseworker"])
    two_days_before = case.due_date - timedelta(days=2)
    with time_machine.travel(
        timezone.make_aware(
            timezone.datetime.combine(two_days_before, timezone.datetime.min.time())
        )
    ):
        assert alert_deadlines(timezone.localdate()) == {"due_soon": 1, "overdue": 0}
        assert alert_deadlines(timezone.localdate()) == {"due_soon": 0, "overdue": 0}  # once
    assert list(DeadlineAlert.objects.filter(case=case).values_list("user__username", "kind")) == [
        ("caseworker", "due_soon")
    ]
    after = case.due_date + timedelta(days=1)
    with time_machine.travel(
        timezone.make_aware(timezone.datetime.combine(after, timezone.datetime.min.time()))
    ):
        assert alert_deadlines(timezone.localdate())["overdue"] == 1
    told = set(
        DeadlineAlert.objects.filter(case=case, kind="overdue").values_list(
            "user__username", flat=True
        )
    )
    assert {"supervisor", "supervisor2"} <= told
    assert AuditEvent.objects.filter(case=case, action="deadline_passed").count() == 1
    case.refresh_from_db()
    assert case.status == Case.Status.FLAGGED  # time running out decides nothing


# Supervisors' pages ------------------------------------------------------------------------------


def test_the_sla_board_counts_the_decided_within_the_deadline(
    client, registries, submit_scenario, people
):
    decided(submit_scenario)
    flagged(submit_scenario, "member_died")
    page = login(client, "supervisor").get("/admin/casework/sla/").content.decode()
    assert "100%" in page and "<svg" in page
    assert login(client, "caseworker").get("/admin/casework/sla/").status_code in (302, 403)


def test_the_audit_page_and_command_find_a_removed_tail(
    client, registries, submit_scenario, people
):
    from django.core.management import CommandError, call_command

    decided(submit_scenario)
    login(client, "supervisor")
    assert "help-critical" not in client.get("/admin/casework/audit/").content.decode()
    AuditEvent.objects.filter(pk=AuditEvent.objects.order_by("-pk").first().pk).delete()
    broken = client.get("/admin/casework/audit/").content.decode()
    assert "help-critical" in broken and "Audit jurnalının bütövlüyü pozulub" in broken
    with pytest.raises(CommandError, match="removed"):
        call_command("verify_audit")


def test_a_registrys_key_is_never_shown_and_kept_when_left_empty(client, people):
    from casework.models import RegistrySource

    source = RegistrySource.objects.get(code="tax")
    RegistrySource.objects.filter(pk=source.pk).update(api_key="s3cret-gateway-key")
    login(client, "supervisor")
    page = client.get(f"/admin/registries/edit/{source.pk}/").content.decode()
    assert "s3cret-gateway-key" not in page
    form = {
        field: getattr(source, field)
        for field in (
            "code",
            "name_az",
            "name_ru",
            "name_en",
            "base_url",
            "connect_timeout",
            "read_timeout",
            "retries",
            "backoff_seconds",
            "batch_size",
            "failure_threshold",
            "open_seconds",
        )
    }
    form.update({"required": "on", "enabled": "on", "api_key": "", "read_timeout": 3})
    client.post(f"/admin/registries/edit/{source.pk}/", form)
    source.refresh_from_db()
    assert (source.api_key, source.read_timeout) == ("s3cret-gateway-key", 3.0)
