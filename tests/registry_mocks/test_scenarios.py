"""Each scenario household shows its point in the registry that settles it, and only there."""

import time
from decimal import Decimal
from pathlib import Path

import pytest

from registry_mocks.building import REFERENCE_DATE
from registry_mocks.scenarios import SCENARIOS, by_name

# Fixed PINs the docs and the casework tests rely on: a change here is a breaking change.
STABLE_PINS = {"eligible": "1DECWYC", "fault_timeout": "JB16E60"}


def members(name):
    return by_name(name).household.members


def test_scenario_pins_are_stable():
    assert {name: by_name(name).household.applicant.pin for name in STABLE_PINS} == STABLE_PINS


def test_the_scenario_table_is_served(api):
    table = api.get("/registry-mocks/scenarios").json()["scenarios"]
    codes = {entry["code"] for entry in api.get("/registry-mocks/").json()["registries"]}
    assert [s["number"] for s in table] == sorted(SCENARIOS)
    for row in table:
        household = by_name(row["name"]).household
        assert [m["pin"] for m in row["members"]] == [p.pin for p in household.members]
        assert row["applicant_pin"] == household.applicant.pin
        assert row["declaration"]["applicant_pin"] == household.applicant.pin
        assert row["expected"] in ("eligible", "refused", "flagged")
        assert set(row["affects"]) <= codes


def test_every_scenario_member_is_known_where_expected(api):
    for scenario in SCENARIOS.values():
        pins = [person.pin for person in scenario.household.members]
        results = api.batch("civil", pins).json()["results"]
        expected = [200 if p.in_civil_registry else 404 for p in scenario.household.members]
        assert [r["status"] for r in results] == expected


# What each scenario must show. A new scenario needs an entry in CHECKS.


def eligible(api):
    father, mother, son, daughter = members("eligible")
    for person in (father, mother, son, daughter):
        assert api.record("vehicles", person.pin)["Count"] == 0
        assert api.record("notary", person.pin)["deeds"] == []
        assert api.record("assistance", person.pin)["result"]["applications"] == []
    contracts = api.record("labour", father.pin)["contracts"]
    assert [c["salary"]["amount"] for c in contracts] == ["450.00"]
    assert api.record("labour", mother.pin)["contracts"] == []
    assert len(api.record("realestate", father.pin)["properties"]) == 1


def vehicle_owner(api):
    vehicles = api.record("vehicles", members("vehicle_owner")[0].pin)["Vehicles"]
    assert [(v["PlateNumber"], v["RightType"], v["StateProgramme"]) for v in vehicles] == [
        ("10-RT-482", "OWNER", None)
    ]


def vehicle_by_proxy(api):
    father = members("vehicle_by_proxy")[0]
    assert api.record("vehicles", father.pin)["Vehicles"][0]["RightType"] == "PROXY"
    assert api.record("notary", father.pin)["deeds"][0]["actType"] == "POWER_OF_ATTORNEY"


def rehabilitation_vehicle(api):
    grandfather = members("rehabilitation_vehicle")[4]
    assert (
        api.record("vehicles", grandfather.pin)["Vehicles"][0]["StateProgramme"] == "REHABILITATION"
    )
    assert api.record("disability", grandfather.pin)["examinations"][0]["group"] == 1


def undeclared_salary(api):
    scenario = by_name("undeclared_salary")
    mother = scenario.household.members[1]
    contract = api.record("labour", mother.pin)["contracts"][0]
    assert (contract["status"], contract["salary"]["amount"]) == ("ACTIVE", "620.00")
    assert {i["gross"] for i in api.record("tax", mother.pin)["incomes"]} == {"620.00"}
    table = api.get("/registry-mocks/scenarios").json()["scenarios"]
    declared = next(row for row in table if row["name"] == scenario.name)["declaration"]
    assert declared["members"][1]["monthly_income"] == "0.00"


def high_income(api):
    total = sum(
        Decimal(i["gross"])
        for p in members("high_income")
        for i in api.record("tax", p.pin)["incomes"]
        if i["period"] == "2026-10"
    )
    assert total == Decimal("2350.00")


def large_deals(api):
    deed = api.record("notary", members("large_deals")[1].pin)["deeds"][0]
    assert (deed["actType"], deed["date"], deed["amount"]["value"]) == (
        "SALE",
        "2026-06-18",
        "68000.00",
    )


def high_utilities(api):
    family = members("high_utilities")
    accounts = api.record("utilities", family[0].pin)["accounts"]
    charged = sum(Decimal(a["totalCharged"]) for a in accounts)
    phones = sum(
        Decimal(str(b["amount"]))
        for p in family
        for s in api.record("communications", p.pin)["data"]["subscriptions"]
        for b in s["bills"]
    )
    # Refusal ground 6: 15% of a subsistence minimum near 300 AZN is 45 AZN per person a month.
    assert (charged + phones) / 12 / len(family) > 45


def two_dwellings(api):
    properties = api.record("realestate", members("two_dwellings")[0].pin)["properties"]
    assert [p["purpose"] for p in properties] == ["RESIDENTIAL", "RESIDENTIAL"]
    assert properties[0]["address"]["addressId"] != properties[1]["address"]["addressId"]


def idle_member(api):
    son = members("idle_member")[3]
    assert son.age(REFERENCE_DATE) == 27
    assert api.record("labour", son.pin)["contracts"] == []
    assert api.record("tax", son.pin)["incomes"] == []
    assert api.record("employment", son.pin)["result"]["registration"]["status"] == "NOT_REGISTERED"
    assert api.record("education", son.pin)["studentRecords"] == []
    assert api.record("disability", son.pin)["has_disability"] is False
    assert api.record("military", son.pin)["military_status"] == "RESERVE"


def refused_job_offers(api):
    result = api.record("employment", members("refused_job_offers")[3].pin)["result"]
    assert result["registration"]["status"] == "REGISTERED"
    assert result["refused_suitable_offers"] == 2


def registered_unemployed(api):
    father = members("registered_unemployed")[0]
    assert (
        api.record("employment", father.pin)["result"]["registration"]["registered_on"]
        == "2026-05-12"
    )
    assert api.record("labour", father.pin)["contracts"][0]["status"] == "TERMINATED"


def unemployment_insurance(api):
    insurance = api.record("employment", members("unemployment_insurance")[0].pin)["result"][
        "unemployment_insurance"
    ]
    assert (insurance["status"], insurance["monthly_amount"]) == ("RECEIVING", "490.00")


def student_under_23(api):
    son = members("student_under_23")[3]
    record = api.record("education", son.pin)["studentRecords"][0]
    assert (record["formOfStudy"], record["status"], son.age(REFERENCE_DATE)) == (
        "FULL_TIME",
        "STUDYING",
        20,
    )
    assert api.record("military", son.pin)["military_status"] == "DEFERMENT"


def student_over_23(api):
    son = members("student_over_23")[3]
    record = api.record("education", son.pin)["studentRecords"][0]
    assert (record["level"], record["formOfStudy"], son.age(REFERENCE_DATE)) == (
        "MASTER",
        "FULL_TIME",
        24,
    )


def serving_soldier(api):
    record = api.record("military", members("serving_soldier")[3].pin)
    assert (
        record["military_status"] == "IN_SERVICE" and record["service"]["ends_on"] == "2027-04-15"
    )


def imprisoned_member(api):
    record = api.record("penitentiary", members("imprisoned_member")[3].pin)
    assert record["in_custody"] is True and record["records"][0]["release_due"] == "2028-03-03"


def disabled_child(api):
    son = members("disabled_child")[2]
    assert api.record("disability", son.pin)["examinations"][0]["category"] == "UNDER_18"
    assert api.record("sspf", son.pin)["data"]["benefits"][0]["type"] == "DISABLED_CHILD"


def entrepreneur(api):
    record = api.record("tax", members("entrepreneur")[0].pin)
    assert (
        record["entrepreneur"]["taxRegime"] == "SIMPLIFIED"
        and record["entrepreneur"]["status"] == "ACTIVE"
    )
    assert record["entrepreneur"]["voen"].endswith("2")
    assert {i["incomeType"] for i in record["incomes"]} == {"ENTREPRENEURIAL"}


def member_died(api):
    grandmother = members("member_died")[4]
    record = api.record("civil", grandmother.pin)
    assert (record["status"], record["death"]["date"]) == ("DECEASED", "2026-08-14")
    assert api.record("address", grandmother.pin)["registrations"][0]["endReason"] == "DEATH"
    assert api.record("sspf", grandmother.pin)["data"]["pensions"][0]["status"] == "STOPPED"


def member_elsewhere(api):
    father, *_, grandfather = members("member_elsewhere")
    home = api.record("address", father.pin)["registrations"][0]
    elsewhere = api.record("address", grandfather.pin)["registrations"][0]
    assert home["addressId"] != elsewhere["addressId"]
    assert elsewhere["address"]["district"] == "Xətai rayonu"


def member_unknown(api):
    child = members("member_unknown")[4]
    for code in ("civil", "idcard", "address"):
        assert api.person(code, child.pin).status_code == 404
    assert api.person("tax", child.pin).status_code == 200
    father = members("member_unknown")[0]
    assert child.pin not in {c["pin"] for c in api.record("civil", father.pin)["children"]}


def open_application(api):
    for person in members("open_application"):
        result = api.record("assistance", person.pin)["result"]
        assert result["hasOpenApplication"] is True
        assert result["applications"][0]["submittedOn"] == "2026-11-12"


def false_information_bar(api):
    application = api.record("assistance", members("false_information_bar")[0].pin)["result"][
        "applications"
    ][0]
    assert (application["status"], application["refusalReason"], application["decidedOn"]) == (
        "REFUSED",
        "FALSE_INFORMATION",
        "2026-03-05",
    )


def fault_timeout(api):
    applicant = members("fault_timeout")[0].pin
    started = time.perf_counter()
    response = api.person("tax", applicant)
    assert response.status_code == 504 and time.perf_counter() - started >= 0.3
    assert response.json()["errorCode"] == "GATEWAY_TIMEOUT"
    assert api.batch("tax", [members("eligible")[0].pin, applicant]).status_code == 504


def fault_error(api):
    applicant = members("fault_error")[0].pin
    response = api.person("sspf", applicant)
    assert response.status_code == 500 and response.json()["statusCode"] == 500
    assert api.person("tax", applicant).status_code == 200  # only its own registry misbehaves
    assert (
        api.person("sspf", members("fault_error")[1].pin).status_code == 200
    )  # only for the applicant


def fault_malformed(api):
    response = api.person("labour", members("fault_malformed")[0].pin)
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


def fault_slow(api):
    started = time.perf_counter()
    response = api.person("realestate", members("fault_slow")[0].pin)
    assert response.status_code == 200 and 0.3 <= time.perf_counter() - started < 5


CHECKS = {
    check.__name__: check
    for check in [
        eligible,
        vehicle_owner,
        vehicle_by_proxy,
        rehabilitation_vehicle,
        undeclared_salary,
        high_income,
        large_deals,
        high_utilities,
        two_dwellings,
        idle_member,
        refused_job_offers,
        registered_unemployed,
        unemployment_insurance,
        student_under_23,
        student_over_23,
        serving_soldier,
        imprisoned_member,
        disabled_child,
        entrepreneur,
        member_died,
        member_elsewhere,
        member_unknown,
        open_application,
        false_information_bar,
        fault_timeout,
        fault_error,
        fault_malformed,
        fault_slow,
    ]
}


def test_every_scenario_has_a_check():
    assert set(CHECKS) == {s.name for s in SCENARIOS.values()}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_scenario_shows_its_point(api, name):
    CHECKS[name](api)


def test_the_docs_list_every_scenario_pin():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "registry-mocks.md").read_text()
    for scenario in SCENARIOS.values():
        assert f"`{scenario.name}`" in doc
        for person in scenario.household.members:
            assert f"`{person.pin}`" in doc
