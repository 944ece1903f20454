from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

# The day the scenarios' facts are fixed against, and the day their cases are received.
AS_OF = date(2026, 11, 25)


@pytest.fixture
def registries(db, settings):
    """The registry catalogue (pointed at the in-process mocks for the whole session, see
    tests/conftest.py) with short timeouts and waits for tests. The mocks' "today" is the
    scenarios' reference date."""
    from casework.models import RegistrySource
    from registry_mocks import faults

    settings.REGISTRY_MOCKS = {
        "HOUSEHOLDS": 200,
        "AS_OF": AS_OF.isoformat(),
        "FAULTS": {"*": {"timeout_sleep_s": 1.5, "slow_ms": 300}},
    }
    faults.reset_faults()
    RegistrySource.objects.update(
        read_timeout=0.8,
        connect_timeout=0.5,
        backoff_seconds=0.01,
        retries=2,
    )
    yield {s.code: s for s in RegistrySource.objects.all()}
    faults.reset_faults()


# The scenario table says what each family declares; these map it onto the seeded declaration
# form's answers (tests/forms_app/declaration.py ANSWERS shows the format).
FORM_STATUS = {
    "works": "working",
    "studies": "student",
    "pensioner": "pensioner",
    "disabled": "disabled",
    "registered_unemployed": "unemployed",
    "unemployment_insurance": "unemployed",
    "cares_for_disabled": "carer",
    "cares_for_child_under_8": "carer",
    "child": "child",
    "military_service": "military",
    "imprisoned": "other",
    "none": "other",
}
FORM_RELATION = {
    "spouse": "spouse",
    "son": "child",
    "daughter": "child",
    "mother": "parent",
    "father": "parent",
}
# The table gives each member's average monthly income, not its kind; casework compares totals.
INCOME_TYPE = {"works": "salary", "pensioner": "pension", "disabled": "pension"}


def scenario_answers(scenario) -> dict:
    """The declaration form's answers for a scenario family, as its applicant fills them in."""
    from registry_mocks.declarations import as_dict

    declared = as_dict(scenario, AS_OF)["declaration"]
    applicant, *others = declared["members"]
    people = {person.pin: person for person in scenario.household.members}
    incomes = [
        {
            "member_pin": m["pin"],
            "type": INCOME_TYPE.get(m["status"], "other"),
            "amount_12_months": str(Decimal(m["monthly_income"]) * 12),
        }
        for m in declared["members"]
        if Decimal(m["monthly_income"])
    ]
    vehicles = [
        {"plate": v["plate"], "given_by_state": v["state_provided"]} for v in declared["vehicles"]
    ]
    answers = {
        "pin": applicant["pin"],
        "id_card_number": scenario.household.applicant.id_card.number,
        "last_name": applicant["surname"],
        "first_name": applicant["given_name"],
        "patronymic": applicant["patronymic"],
        "birth_date": applicant["birth_date"],
        "registered_address": declared["address"],
        "lives_at_registered_address": True,
        "mobile": declared["feedback"]["mobile"],
        "applicant_status": FORM_STATUS[applicant["status"]],
        "family_members": [
            {
                "pin": m["pin"],
                "last_name": m["surname"],
                "first_name": m["given_name"],
                "patronymic": m["patronymic"],
                "birth_date": m["birth_date"],
                "relation": FORM_RELATION[m["relation"]],
                "status": FORM_STATUS[m["status"]],
                # The form asks a student where they study.
                **(
                    {"institution": people[m["pin"]].studies[-1].institution}
                    if m["status"] == "studies"
                    else {}
                ),
            }
            for m in others
        ],
        "has_income": bool(incomes),
        "dwellings_count": sum(d["purpose"] == "RESIDENTIAL" for d in declared["dwellings"]),
        "land_hectares": declared["land_hectares"],
        "has_vehicle": bool(vehicles),
        # The table gives one monthly figure for utilities and phones together.
        "electricity_monthly": declared["monthly_utility_costs"],
        "gas_monthly": "0",
        "water_monthly": "0",
        "communication_monthly": "0",
        "feedback_channel": "sms",
        "feedback_mobile": declared["feedback"]["mobile"],
        "truthful": True,
        "data_processing": True,
    }
    if incomes:
        answers["incomes"] = incomes
    if vehicles:
        answers["vehicles"] = vehicles
    return answers


@pytest.fixture
def submit_scenario(service_page):
    """Submit a scenario family's declaration; its case was received on the reference date."""
    from casework.models import Case
    from forms_app.services import submit_declaration
    from registry_mocks.scenarios import by_name

    def submit(name: str):
        submission = submit_declaration(
            service_page,
            service_page.current_form_version(),
            scenario_answers(by_name(name)),
            channel="online",
        )
        received = datetime.combine(AS_OF, time(10), tzinfo=timezone.get_current_timezone())
        Case.objects.filter(submission=submission).update(received_at=received)
        return Case.objects.get(submission=submission)

    return submit
