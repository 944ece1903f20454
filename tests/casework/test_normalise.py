"""Reading the registries' answers: each registry's contract against the mocks' real answers over
HTTP, batches split per PIN, and answers of the wrong shape that must not break the snapshot."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import httpx
import pytest

from casework.declaration import Declaration, FamilyMember
from casework.models import LookupOutcome
from casework.registries.client import CallResult, RegistryClient
from casework.registries.lookups import fetch_people, split_results, store_lookups
from casework.registries.normalise import build_household
from casework.registries.readers import READERS, Window, read_answer
from registry_mocks.population import current_population
from tests.casework.conftest import AS_OF

pytestmark = pytest.mark.django_db

WINDOW = Window.before(AS_OF)
ELIGIBLE = ["1DECWYC", "NCVWDVD", "9CBDWSE", "WBSXDPF"]
UNKNOWN = "QQQQQQ1"


def first_person(predicate) -> str:
    """A PIN from the tests' 200-household population, for facts no scenario holds."""
    population = current_population()
    return next(
        person.pin
        for index in range(population.size)
        for person in population.household(index).members
        if predicate(person)
    )


def answer(registries, code, pin) -> CallResult:
    client = RegistryClient(registries[code])
    try:
        return client.person(pin)
    finally:
        client.close()


def declaration_of(*pins) -> Declaration:
    applicant, *others = pins
    return Declaration(FamilyMember(applicant), [FamilyMember(pin) for pin in others])


# registry → (whose answer, what the reader must have understood of it)
CONTRACTS = {
    "civil": ("AWLNHAY", lambda f: f.member["death_date"] == date(2026, 8, 14)),
    "address": ("1DECWYC", lambda f: "Sabunçu rayonu" in f.member["registered_address"]),
    "idcard": ("1DECWYC", lambda f: f.member["id_card_valid"] is True),
    "tax": (
        "X34GJCL",
        lambda f: (
            f.member["entrepreneur"]
            and [(i.kind, i.total_12_months) for i in f.incomes.values()]
            == [("entrepreneurship", Decimal("5040.00"))]
        ),
    ),
    "sspf": (
        "AWLNHAY",  # a pension paid until her death in August: 10 of the 12 months
        lambda f: (
            not f.member["pensioner"]
            and [(i.kind, i.total_12_months) for i in f.incomes.values()]
            == [("pension", Decimal("3400.0"))]
        ),
    ),
    "labour": (
        "1DECWYC",
        lambda f: (
            f.member["employed"]
            and [i.total_12_months for i in f.incomes.values()] == [Decimal("5400.00")]
        ),
    ),
    "employment": (
        "92A36PT",
        lambda f: f.member["registered_unemployed"] and f.member["refused_suitable_offers"] == 2,
    ),
    "disability": ("76DDJWE", lambda f: f.member["disability_group"] == "child"),
    "education": ("2P8F4LH", lambda f: f.member["full_time_student"]),
    "military": ("YEJP36Z", lambda f: f.member["in_military_service"]),
    "idp": (lambda p: p.displacement is not None, lambda f: f.member["former_idp"]),
    "realestate": ("JCMARC8", lambda f: len(f.dwellings) == 2),
    "land": (lambda p: p.land_shares, lambda f: f.land_hectares > 0),
    "vehicles": (
        "AY6SUH6",
        lambda f: (
            [(v.plate, v.given_by_state_for_rehabilitation) for v in f.vehicles]
            == [("99-AR-605", True)]
        ),
    ),
    "utilities": ("1DECWYC", lambda f: len(f.utility_accounts) == 3),
    "communications": ("1DECWYC", lambda f: len(f.phone_lines) == 1),
    "notary": (
        "9LSL9NT",
        lambda f: [(d.kind, d.amount) for d in f.deals] == [("sale", Decimal("68000.00"))],
    ),
    "banks": ("1DECWYC", lambda f: True),
    "penitentiary": ("WA6T2H7", lambda f: f.member["imprisoned"]),
    "assistance": (
        "LFD2EVS",
        lambda f: f.refused_for_false_information_on == date(2026, 3, 5),
    ),
    "border": (lambda p: p.border_crossings, lambda f: True),
}


def test_every_registry_of_the_mocks_has_a_reader(mocks_url):
    catalogue = httpx.get(mocks_url).json()
    assert {r["code"] for r in catalogue["registries"]} == set(READERS) == set(CONTRACTS)


@pytest.mark.parametrize("code", list(CONTRACTS))
def test_the_reader_understands_the_registrys_real_answer(registries, code):
    whose, understood = CONTRACTS[code]
    pin = whose if isinstance(whose, str) else first_person(whose)
    result = answer(registries, code, pin)
    assert result.outcome == LookupOutcome.FOUND
    finding = read_answer(result, WINDOW)
    assert finding is not None and understood(finding), finding


def test_only_the_civil_registry_not_knowing_someone_matters(registries):
    civil, tax = answer(registries, "civil", UNKNOWN), answer(registries, "tax", UNKNOWN)
    assert civil.outcome == tax.outcome == LookupOutcome.NOT_FOUND
    assert read_answer(civil, WINDOW).member == {"known_to_civil_registry": False}
    assert read_answer(tax, WINDOW).member == {}


def garbled(code, pin) -> list:
    """Answers that reached us but are not what the registry's contract promises."""
    real_pin_field = READERS[code].pin_at
    about_someone_else = {}
    node = about_someone_else
    for key in real_pin_field[:-1]:
        node = node.setdefault(key, {})
    node[real_pin_field[-1]] = "ZZZZZZ9"
    return [None, [], "<html>Bad gateway</html>", {}, {"pin": pin, "fin": pin}, about_someone_else]


@pytest.mark.parametrize("code", list(READERS))
def test_an_unexpected_answer_makes_the_registry_unreachable_and_nothing_else(code, caplog):
    pin = ELIGIBLE[0]
    for body in garbled(code, pin):
        result = CallResult(code, [pin], {}, outcome=LookupOutcome.FOUND, status=200, body=body)
        household = build_household(declaration_of(pin), [result], AS_OF)
        assert household.unreachable_registries == [code], body
        assert household.member(pin).known_to_civil_registry
    assert "unexpected answer" in caplog.text


@pytest.mark.parametrize(
    "code,field,value",
    [
        ("tax", "gross", "n/a"),
        ("labour", "salary", {"amount": "450.00", "currency": "USD", "period": "MONTH"}),
        ("utilities", "months", [{"month": "last year", "charged": "1.00"}]),
        ("civil", "status", "DECEASED"),  # without a date of death
    ],
)
def test_a_real_answer_with_one_wrong_value_is_not_half_read(registries, code, field, value):
    """The reader fails as a whole: none of the answer's other values reach the member."""
    result = answer(registries, code, "1DECWYC")
    body = result.body
    if code == "tax":
        body["incomes"][0][field] = value
    elif code == "labour":
        body["contracts"][0][field] = value
    elif code == "utilities":
        body["accounts"][0][field] = value
    else:
        body[field] = value
    household = build_household(declaration_of("1DECWYC"), [result], AS_OF)
    assert household.unreachable_registries == [code]
    assert household.member("1DECWYC") == build_household(
        declaration_of("1DECWYC"), [], AS_OF
    ).member("1DECWYC")


def test_calls_that_did_not_reach_the_registry_are_unreachable():
    pins = ELIGIBLE[:2]
    results = [
        CallResult("civil", pins, {}, outcome=LookupOutcome.CIRCUIT_OPEN),
        CallResult("tax", pins[:1], {}, outcome=LookupOutcome.TIMEOUT),
        CallResult("labour", pins[:1], {}, outcome=LookupOutcome.MALFORMED, body="{'cut"),
        CallResult("sspf", pins[:1], {}, outcome=LookupOutcome.ERROR, status=500),
    ]
    household = build_household(declaration_of(*pins), results, AS_OF)
    assert household.unreachable_registries == ["civil", "labour", "sspf", "tax"]


@pytest.mark.parametrize("code", ["civil", "tax", "sspf", "vehicles", "utilities", "assistance"])
def test_a_batch_answer_gives_the_same_household_as_calls_per_person(registries, code):
    pins = [*ELIGIBLE, UNKNOWN]
    declaration = declaration_of(*pins)
    per_person = fetch_people(pins, [registries[code]])
    batch = fetch_people(pins, [registries[code]], batch=True)
    assert len({str(answer.request["json"]) for answer in batch}) == 1  # one call, per person
    assert build_household(declaration, batch, AS_OF) == build_household(
        declaration, per_person, AS_OF
    )


def test_a_batch_is_stored_as_one_row_with_each_pins_own_record(registries):
    pins = [*ELIGIBLE[:2], UNKNOWN]
    (row,) = store_lookups(None, fetch_people(pins, [registries["civil"]], batch=True))
    assert [(pin, row.answers[pin]["outcome"], row.answers[pin]["status"]) for pin in row.pins] == [
        (ELIGIBLE[0], LookupOutcome.FOUND, 200),
        (ELIGIBLE[1], LookupOutcome.FOUND, 200),
        (UNKNOWN, LookupOutcome.NOT_FOUND, 404),
    ]
    assert [row.answers[pin]["body"]["pin"] for pin in ELIGIBLE[:2]] == ELIGIBLE[:2]
    assert row.answers[UNKNOWN]["body"]["error"]["code"] == "PERSON_NOT_FOUND"
    # One call for all of them, as it was sent, without repeating it for each.
    assert row.request["batch_size"] == len(pins)
    assert not any("request" in answer for answer in row.answers.values())


def test_a_batch_answer_of_the_wrong_shape_is_malformed_for_every_pin():
    pins = ELIGIBLE[:2]
    request = {"method": "POST", "url": "…/batch", "json": {"pins": pins}}
    shapeless = CallResult("tax", pins, request, outcome=LookupOutcome.FOUND, status=200, body=[])
    assert [p.outcome for p in split_results(shapeless)] == [LookupOutcome.MALFORMED] * 2
    one_missing = replace(
        shapeless, body={"results": [{"pin": pins[0], "status": 404, "body": {}}]}
    )
    assert [p.outcome for p in split_results(one_missing)] == [
        LookupOutcome.NOT_FOUND,
        LookupOutcome.MALFORMED,
    ]


def test_the_same_salary_from_e_labour_and_the_tax_service_counts_once(registries):
    pin = ELIGIBLE[0]
    results = [answer(registries, code, pin) for code in ("labour", "tax")]
    (salary,) = build_household(declaration_of(pin), results, AS_OF).member(pin).incomes
    assert (salary.registry, salary.total_12_months) == ("tax", Decimal("5400.00"))


def test_shared_property_and_family_totals(registries):
    results = fetch_people(ELIGIBLE, list(registries.values()))
    household = build_household(declaration_of(*ELIGIBLE), results, AS_OF)
    assert household.unreachable_registries == []
    assert len(household.dwellings) == 1 and household.vehicles == []
    assert Decimal("0") < household.utilities_monthly < Decimal("100")
    assert household.communications_monthly > 0
    assert household.utilities_monthly == household.utilities_monthly.quantize(Decimal("0.01"))


def test_the_window_is_the_twelve_whole_months_before_the_application():
    window = Window.before(date(2026, 1, 10))
    assert window.months[0] == (2025, 1) and window.months[-1] == (2025, 12)
    assert window.has("2025-12") and not window.has("2026-01")
    assert window.months_within(date(2025, 11, 30), None) == ["2025-11", "2025-12"]
    assert window.holds(date(2026, 1, 10)) and not window.holds(date(2024, 12, 31))


def test_the_familys_own_application_is_not_a_second_one():
    from casework.declaration import Declaration, FamilyMember
    from casework.registries.discrepancies import find_discrepancies
    from casework.registries.household import Household, Member

    declaration = Declaration(applicant=FamilyMember(pin="1DECWYC"), reference="UDSY-2026-000007")
    own = Household(
        members=[Member(pin="1DECWYC")], open_assistance_applications=["UDSY-2026-000007"]
    )
    assert [d.kind for d in find_discrepancies(declaration, own)] == []
    another = Household(
        members=[Member(pin="1DECWYC")],
        open_assistance_applications=["UDSY-2026-000007", "UDSY-2026-000003"],
    )
    [found] = find_discrepancies(declaration, another)
    assert found.kind == "second_open_application" and "UDSY-2026-000003" in found.found
    assert "000007" not in found.found
