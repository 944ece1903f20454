"""Enriching a case: every scenario family of the mocks, declared through the real form, looked up
over real HTTP, compared, and sent on (ENRICHED) or to a caseworker (FLAGGED)."""

from datetime import date
from decimal import Decimal

import httpx
import pytest

from casework import services
from casework.declaration import (
    Declaration,
    DeclaredIncome,
    DeclaredVehicle,
    FamilyMember,
    read_declaration,
)
from casework.models import AuditEvent, Case, RegistryLookup, RegistrySource
from casework.registries.catalogue import KNOWN_REGISTRIES
from casework.registries.discrepancies import find_discrepancies
from casework.registries.household import Dwelling, Household, Income, Member, Vehicle
from registry_mocks import faults
from registry_mocks.scenarios import SCENARIOS, by_name
from tests.forms_app.declaration import ANSWERS

pytestmark = pytest.mark.django_db

Status = Case.Status


def income(household, pin, kind) -> Decimal:
    return sum((i.total_12_months for i in household.member(pin).incomes if i.kind == kind), 0)


# For each scenario: the status enrichment ends in, the discrepancies it finds, and the fact the
# registries hold about the family (pins: the scenario's members, applicant first; the member a
# scenario adds comes last).
EXPECTED = {
    "eligible": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            income(h, pins[0], "salary") == Decimal("5400.00") and h.member(pins[0]).employed
        ),
    ),
    "vehicle_owner": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            [(v.plate, v.given_by_state_for_rehabilitation) for v in h.vehicles]
            == [("10-RT-482", False)]
        ),
    ),
    "vehicle_by_proxy": (
        Status.ENRICHED,
        set(),
        lambda h, pins: [v.plate for v in h.vehicles] == ["90-KD-317"],
    ),
    "rehabilitation_vehicle": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            h.vehicles[0].given_by_state_for_rehabilitation
            and h.member(pins[-1]).disability_group == "I"
            and income(h, pins[-1], "pension") == Decimal("4800.00")
        ),
    ),
    "undeclared_salary": (
        Status.ENRICHED,
        {"undeclared_income"},
        lambda h, pins: (
            income(h, pins[1], "salary") == Decimal("7440.00") and h.member(pins[1]).employed
        ),
    ),
    "high_income": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            income(h, pins[0], "salary") == Decimal("17400.00")
            and income(h, pins[1], "salary") == Decimal("10800.00")
        ),
    ),
    "large_deals": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            [(d.pin, d.kind, d.amount) for d in h.deals] == [(pins[1], "sale", Decimal("68000.00"))]
        ),
    ),
    "high_utilities": (
        Status.ENRICHED,
        set(),
        lambda h, pins: h.utilities_monthly > 150 and h.communications_monthly > 45,
    ),
    "two_dwellings": (
        Status.ENRICHED,
        set(),
        lambda h, pins: len({d.address for d in h.dwellings}) == 2,
    ),
    "idle_member": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            not any(
                getattr(h.member(pins[-1]), flag)
                for flag in (
                    "employed",
                    "entrepreneur",
                    "registered_unemployed",
                    "full_time_student",
                    "in_military_service",
                    "imprisoned",
                    "disability_group",
                )
            )
        ),
    ),
    "refused_job_offers": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            h.member(pins[-1]).refused_suitable_offers == 2
            and h.member(pins[-1]).registered_unemployed
        ),
    ),
    "registered_unemployed": (
        Status.ENRICHED,
        set(),
        lambda h, pins: h.member(pins[0]).registered_unemployed and not h.member(pins[0]).employed,
    ),
    "unemployment_insurance": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            h.member(pins[0]).unemployment_insurance
            and income(h, pins[0], "unemployment_insurance") == Decimal("980.00")
        ),
    ),
    "student_under_23": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            h.member(pins[-1]).full_time_student
            and income(h, pins[-1], "other") == Decimal("1020.00")
        ),
    ),
    "student_over_23": (
        Status.ENRICHED,
        set(),
        lambda h, pins: h.member(pins[-1]).full_time_student,
    ),
    "serving_soldier": (
        Status.ENRICHED,
        set(),
        lambda h, pins: h.member(pins[-1]).in_military_service,
    ),
    "imprisoned_member": (
        Status.ENRICHED,
        set(),
        lambda h, pins: h.member(pins[-1]).imprisoned,
    ),
    "disabled_child": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            h.member(pins[2]).disability_group == "child"
            and income(h, pins[2], "benefit") == Decimal("2400.00")
        ),
    ),
    "entrepreneur": (
        Status.ENRICHED,
        set(),
        lambda h, pins: (
            h.member(pins[0]).entrepreneur
            and income(h, pins[0], "entrepreneurship") == Decimal("5040.00")
        ),
    ),
    "member_died": (
        Status.FLAGGED,
        {"member_deceased"},
        lambda h, pins: h.member(pins[-1]).death_date == date(2026, 8, 14),
    ),
    "member_elsewhere": (
        Status.FLAGGED,
        {"member_registered_elsewhere"},
        lambda h, pins: "Xətai rayonu" in h.member(pins[-1]).registered_address,
    ),
    "member_unknown": (
        Status.FLAGGED,
        {"member_unknown"},
        lambda h, pins: (
            not h.member(pins[-1]).known_to_civil_registry
            and all(h.member(pin).known_to_civil_registry for pin in pins[:-1])
        ),
    ),
    "open_application": (
        Status.FLAGGED,
        {"second_open_application"},
        lambda h, pins: bool(h.open_assistance_applications),
    ),
    # Whether the refusal still bars the family is for the rules (it does until 5 March 2027).
    "false_information_bar": (
        Status.ENRICHED,
        set(),
        lambda h, pins: h.refused_for_false_information_on == date(2026, 3, 5),
    ),
    # The applicant's salary still comes from e-labour when the tax service never answers, and the
    # case waits to ask the tax service again.
    "fault_timeout": (
        Status.WAITING,
        set(),
        lambda h, pins: (
            h.unreachable_registries == ["tax"]
            and income(h, pins[0], "salary") == Decimal("5400.00")
        ),
    ),
    "fault_error": (
        Status.WAITING,
        set(),
        lambda h, pins: h.unreachable_registries == ["sspf"],
    ),
    "fault_malformed": (
        Status.WAITING,
        set(),
        lambda h, pins: (
            h.unreachable_registries == ["labour"]
            and income(h, pins[0], "salary") == Decimal("5400.00")
        ),
    ),
    "fault_slow": (
        Status.ENRICHED,
        set(),
        lambda h, pins: h.unreachable_registries == [] and len(h.dwellings) == 1,
    ),
}


def test_every_scenario_is_covered():
    assert set(EXPECTED) == {s.name for s in SCENARIOS.values()}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_scenario_family_is_enriched(name, registries, submit_scenario):
    status, kinds, fact = EXPECTED[name]
    pins = by_name(name).pins
    case = submit_scenario(name)

    case = services.enrich_case(case.pk)

    lookups = RegistryLookup.objects.filter(case=case)
    assert sorted((lookup.registry, pin) for lookup in lookups for pin in lookup.pins) == sorted(
        (code, pin) for code in registries for pin in pins
    )
    household = Household.from_json(case.household)
    assert fact(household, pins), case.household
    assert {d["kind"] for d in case.discrepancies} == kinds, case.discrepancies
    assert case.status == status, (
        case.discrepancies,
        list(lookups.exclude(outcome="found").values_list("registry", "outcome", "latency_ms")),
    )
    if status in (Status.FLAGGED, Status.WAITING):
        stopped = AuditEvent.objects.get(case=case, action="status_changed")
        assert stopped.reason and stopped.data["to"] == status


def test_the_catalogue_is_installed_after_migrate_and_edits_are_kept(settings):
    from casework.schedules import ensure_registry_catalogue

    RegistrySource.objects.exclude(code="tax").delete()
    RegistrySource.objects.filter(code="tax").update(base_url="https://gateway.gov.az/tax/v2/")
    ensure_registry_catalogue()  # what casework's post_migrate handler runs
    sources = RegistrySource.objects.all()
    assert {s.code for s in sources} == {code for code, *_ in KNOWN_REGISTRIES}
    gateway = settings.CASEWORK["REGISTRY_GATEWAY_URL"].rstrip("/")
    assert all(s.base_url == f"{gateway}/{s.code}/" for s in sources.exclude(code="tax"))
    assert sources.get(code="tax").base_url == "https://gateway.gov.az/tax/v2/"


def test_a_family_the_registries_do_not_know_goes_to_a_caseworker(registries, service_page):
    from forms_app.services import submit_declaration

    submission = submit_declaration(
        service_page, service_page.current_form_version(), ANSWERS, channel="online"
    )
    case = services.enrich_case(submission.case.pk)
    assert case.status == Status.FLAGGED
    pins = read_declaration(ANSWERS).pins
    assert [(d["kind"], d["pin"]) for d in case.discrepancies] == [
        ("member_unknown", pin) for pin in pins
    ]


def test_enriching_again_calls_no_registry_and_changes_nothing(registries, submit_scenario):
    case = services.enrich_case(submit_scenario("eligible").pk)

    def refuse(request):
        raise AssertionError(f"called {request.url}")

    again = services.enrich_case(case.pk, transport=httpx.MockTransport(refuse))
    assert again.status == Status.ENRICHED
    assert RegistryLookup.objects.filter(case=case).count() == len(registries)


def test_a_case_enriched_meanwhile_by_another_worker_is_left_alone(
    registries, submit_scenario, monkeypatch
):
    from casework.services import enrichment

    case = submit_scenario("eligible")
    fetch = enrichment.fetch_people

    def fetch_while_another_worker_finishes(*args, **kwargs):
        results = fetch(*args, **kwargs)
        Case.objects.filter(pk=case.pk).update(status=Status.ENRICHED)
        return results

    monkeypatch.setattr(enrichment, "fetch_people", fetch_while_another_worker_finishes)
    services.enrich_case(case.pk)
    assert not RegistryLookup.objects.filter(case=case).exists()
    assert not AuditEvent.objects.filter(case=case, action="status_changed").exists()


def test_an_optional_registry_that_fails_is_listed_but_flags_nothing(registries, submit_scenario):
    assert not registries["border"].required
    faults.set_faults("border", error_rate=1.0)
    case = services.enrich_case(submit_scenario("eligible").pk)
    assert case.status == Status.ENRICHED
    assert case.household["unreachable_registries"] == ["border"]


# The comparison itself, on hand-made snapshots


def declared(*, incomes=(), vehicles=(), dwellings=1, members=()) -> Declaration:
    return Declaration(
        applicant=FamilyMember("1DECWYC", name="Tofiq", surname="Əliyev"),
        members=[FamilyMember(pin, name="Member") for pin in members],
        incomes=[DeclaredIncome(pin, "salary", Decimal(total)) for pin, total in incomes],
        vehicles=[DeclaredVehicle(plate, given) for plate, given in vehicles],
        dwellings_count=dwellings,
    )


def registries_say(**household) -> Household:
    members = household.pop("members", None) or [Member("1DECWYC")]
    return Household(members=members, **household)


def kinds(declaration, household) -> list[str]:
    return [d.kind for d in find_discrepancies(declaration, household)]


def test_income_a_little_above_the_declared_is_within_the_tolerance(settings):
    salary = Income("tax", "salary", "Bravo Supermarket MMC", {"2026-10": Decimal("1200")})
    household = registries_say(members=[Member("1DECWYC", incomes=[salary])])
    declaration = declared(incomes=[("1DECWYC", "1100")])  # 8.33 AZN a month less
    assert kinds(declaration, household) == []
    (found,) = find_discrepancies(declaration, household, income_tolerance=Decimal("5"))
    assert (found.kind, found.settled_by_registry) == ("undeclared_income", True)
    assert (found.declared, found.registry) == ("1,100.00 AZN in 12 months", "tax")


@pytest.mark.parametrize(
    "declared_vehicles,found",
    [
        ([("99-AR-605", True)], []),  # declared as the state's rehabilitation car
        ([("99-AR-605", False)], []),  # declared, even without saying the state gave it
        ([], ["undeclared_vehicle"]),
    ],
)
def test_a_rehabilitation_vehicle(declared_vehicles, found):
    car = Vehicle("1DECWYC", "99-AR-605", "Lada Granta", 2021, True)
    assert kinds(declared(vehicles=declared_vehicles), registries_say(vehicles=[car])) == found


def test_a_car_said_to_be_from_the_state_that_is_not_counts_as_undeclared():
    car = Vehicle("1DECWYC", "10-RT-482", "Toyota Prius", 2015)
    household = registries_say(vehicles=[car])
    assert kinds(declared(vehicles=[("10-RT-482", True)]), household) == ["undeclared_vehicle"]
    assert kinds(declared(vehicles=[("10 rt 482", False)]), household) == []


def test_more_homes_than_declared():
    homes = [Dwelling("1DECWYC", "Sabunçu, ev 85"), Dwelling("1DECWYC", "Nərimanov, ev 3")]
    shop = Dwelling("1DECWYC", "Xətai, ev 9", purpose="non_residential")
    household = registries_say(dwellings=[*homes, shop])
    assert kinds(declared(dwellings=2), household) == []
    (found,) = find_discrepancies(declared(dwellings=1), household)
    assert found.kind == "undeclared_dwelling" and found.found.startswith("2: ")


def test_a_member_without_a_pin_cannot_be_checked():
    declaration = declared(members=[""])
    assert kinds(declaration, registries_say()) == ["member_unknown"]


def test_no_address_to_compare_with_flags_nobody():
    household = registries_say(
        members=[Member("1DECWYC"), Member("NCVWDVD", registered_address_id="UQ1")]
    )
    assert kinds(declared(members=["NCVWDVD"]), household) == []
