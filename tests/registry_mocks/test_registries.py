"""Every registry over HTTP: the catalogue, its records, its errors, batches and keys."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry_mocks.identifiers import encode_pin
from registry_mocks.names import az_upper
from registry_mocks.population import current_population
from registry_mocks.registries import REGISTRIES
from registry_mocks.scenarios import by_name

CODES = list(REGISTRIES)
UNKNOWN_PIN = encode_pin(10**9, 0)  # far outside the test population


@pytest.fixture
def someone():
    return current_population().household(7).applicant


def _contains(value, wanted) -> bool:
    if isinstance(value, dict):
        return any(_contains(v, wanted) for v in value.values())
    if isinstance(value, list):
        return any(_contains(v, wanted) for v in value)
    return value == wanted


def test_the_catalogue_lists_at_least_twenty_registries(api):
    catalogue = api.get("/registry-mocks/").json()
    registries = catalogue["registries"]
    assert len(registries) >= 20
    assert [r["code"] for r in registries] == CODES
    for entry in registries:
        assert set(entry["name"]) == {"az", "ru", "en"} and all(entry["name"].values())
        assert set(entry["description"]) == {"az", "en"} and all(entry["description"].values())
        code = entry["code"]
        assert entry["endpoints"] == {
            "person": f"/registry-mocks/{code}/v1/persons/{{pin}}",
            "batch": f"/registry-mocks/{code}/v1/persons/batch",
            "faults": f"/registry-mocks/{code}/_faults",
        }
    assert catalogue["scenarios"] == "/registry-mocks/scenarios"


@pytest.mark.parametrize("code", CODES)
def test_a_registry_answers_for_a_known_person(api, code, someone):
    response = api.person(code, someone.pin)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert _contains(response.json(), someone.pin)


@pytest.mark.parametrize("code", CODES)
def test_a_registry_answers_its_own_not_found(api, code):
    response = api.person(code, UNKNOWN_PIN)
    example = api.get("/registry-mocks/").json()["registries"][CODES.index(code)]["errors"]
    assert response.status_code == 404
    assert response["Content-Type"].startswith(example["content_type"])
    assert response.json() == example["example"]


def test_registries_differ_in_their_error_formats(api):
    shapes = {json.dumps(sorted(api.person(code, UNKNOWN_PIN).json())) for code in CODES}
    assert len(shapes) >= 5


def test_a_person_is_the_same_person_in_every_registry(api):
    population = current_population()
    people = [p for i in range(0, 200, 10) for p in population.household(i).members]
    for person in people:
        civil = api.record("civil", person.pin)
        card = api.record("idcard", person.pin)["Person"]
        address = api.record("address", person.pin)
        tax = api.record("tax", person.pin)["taxpayer"]
        labour = api.record("labour", person.pin)["employee"]
        full_name = f"{civil['surname']} {civil['name']} {civil['patronymic']}"
        birth_date = civil["birth"]["date"]
        assert full_name == person.full_name
        assert (card["LastName"], card["FirstName"]) == (
            az_upper(civil["surname"]),
            az_upper(civil["name"]),
        )
        assert card["FatherName"] == az_upper(civil["patronymic"].rsplit(" ", 1)[0])
        assert address["fullName"] == labour["fullName"] == full_name
        assert tax["fullName"] == az_upper(full_name)
        assert card["BirthDate"] == tax["birthDate"] == labour["birthDate"] == birth_date


def test_incomes_agree_between_labour_tax_and_social_insurance(api):
    population = current_population()
    workers = [
        p
        for i in range(200)
        for p in population.household(i).members
        if p.contracts and not p.business
    ][:15]
    assert workers
    for person in workers:
        tax = api.record("tax", person.pin)
        sspf = api.record("sspf", person.pin)["data"]
        contracts = {
            c["employer"]["voen"]: c["salary"]["amount"]
            for c in api.record("labour", person.pin)["contracts"]
        }
        assert {(i["payerVoen"], i["gross"]) for i in tax["incomes"]} <= set(contracts.items())
        assert [i["period"] for i in tax["incomes"]] == [c["month"] for c in sspf["contributions"]]


def test_household_members_share_an_address(api):
    household = current_population().household(11)
    ids = {api.record("address", p.pin)["registrations"][0]["addressId"] for p in household.members}
    assert ids == {household.address.address_id}


def test_as_of_moves_the_twelve_month_window(api, someone):
    assert api.record("tax", someone.pin)["period"] == {"from": "2025-11", "to": "2026-10"}
    assert api.record("tax", someone.pin, as_of="2026-06-15")["period"] == {
        "from": "2025-06",
        "to": "2026-05",
    }


def test_the_batch_answers_each_pin_as_the_single_endpoint_would(api, someone):
    pins = [someone.pin, UNKNOWN_PIN, "bad-pin"]
    response = api.batch("vehicles", pins)
    assert response.status_code == 200
    body = response.json()
    assert body["registry"] == "vehicles" and body["asOf"] == "2026-11-25"
    assert [(r["pin"], r["status"]) for r in body["results"]] == [
        (someone.pin, 200),
        (UNKNOWN_PIN, 404),
        ("bad-pin", 400),
    ]
    for result in body["results"]:
        assert result["body"] == api.person("vehicles", result["pin"]).json()


@pytest.mark.parametrize(
    "payload",
    [
        {"pins": [encode_pin(0, 0)] * 101},
        {"pins": []},
        {"pins": "5ZJBKQG"},
        {"pins": [5]},
        {"pins": ["5ZJBKQG"], "as_of": "yesterday"},
        {"nothing": True},
        [],
    ],
)
def test_a_malformed_batch_is_refused_in_the_registry_format(api, payload):
    response = api.post(
        "/registry-mocks/tax/v1/persons/batch", payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errorCode"] == "VALIDATION_ERROR"


def test_a_batch_body_that_is_not_json_is_refused(api):
    response = api.post(
        "/registry-mocks/civil/v1/persons/batch", b"\xff{", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize("code", CODES)
def test_requests_without_a_valid_key_are_refused(api, code, someone):
    anonymous = Client()
    person = f"/registry-mocks/{code}/v1/persons/{someone.pin}"
    batch = f"/registry-mocks/{code}/v1/persons/batch"
    responses = [
        anonymous.get(person),
        anonymous.get(person, headers={"X-Api-Key": "wrong"}),
        anonymous.post(batch, {"pins": [someone.pin]}, content_type="application/json"),
    ]
    for response in responses:
        assert response.status_code == 401
        assert response.json() == REGISTRIES[code].errors.render("unauthorized")


def test_keys_come_from_the_settings(api, mocks_settings, someone):
    mocks_settings.REGISTRY_MOCKS = {**mocks_settings.REGISTRY_MOCKS, "API_KEYS": ["casework-key"]}
    assert api.person("civil", someone.pin).status_code == 401
    assert (
        api.get(
            f"/registry-mocks/civil/v1/persons/{someone.pin}", headers={"X-Api-Key": "casework-key"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize("pin", ["5zjbkqg", "5ZJBKQ", "5ZJBKQGG", "I0I0I0I", "ƏZJBKQG", "%20"])
def test_a_malformed_pin_is_a_bad_request(api, pin):
    response = api.person("labour", pin)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 400


def test_a_malformed_as_of_is_a_bad_request(api, someone):
    assert api.person("utilities", someone.pin, as_of="2026-13-01").status_code == 400


def test_wrong_methods_and_unknown_paths_answer_json(api, someone):
    response = api.post(f"/registry-mocks/sspf/v1/persons/{someone.pin}")
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert response.json()["statusCode"] == 405
    assert api.get("/registry-mocks/civil/v1/persons/batch").status_code == 405
    for path in (
        "/registry-mocks/nosuch/v1/persons/5ZJBKQG",
        "/registry-mocks/civil/v2/x",
        "/registry-mocks/civil/v1/persons/",
    ):
        response = api.get(path)
        assert response.status_code == 404 and response.json()["error"] == "not_found"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    segment=st.text(min_size=1, max_size=12).filter(
        lambda s: "/" not in s and "?" not in s and "#" not in s
    )
)
def test_no_pin_makes_a_registry_fail(api, segment):
    from urllib.parse import quote

    response = api.get(f"/registry-mocks/civil/v1/persons/{quote(segment, safe='')}")
    assert response.status_code in (200, 400, 404)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.one_of(
        st.binary(max_size=60),
        st.recursive(
            st.none() | st.booleans() | st.text(max_size=8) | st.integers(),
            lambda children: (
                st.lists(children, max_size=3)
                | st.dictionaries(st.sampled_from(["pins", "as_of", "x"]), children, max_size=3)
            ),
        ).map(lambda v: json.dumps(v).encode()),
    )
)
def test_no_batch_body_makes_a_registry_fail(api, body):
    response = api.post(
        "/registry-mocks/notary/v1/persons/batch", body, content_type="application/json"
    )
    assert response.status_code in (200, 400)


def test_scenario_persons_sit_outside_the_generated_population(api):
    applicant = by_name("eligible").household.applicant
    assert current_population().size == 200
    assert api.record("civil", applicant.pin)["pin"] == applicant.pin
