"""Walking the demo declaration with Django's test client, as a browser would."""

import copy
import itertools
import re

SERVICE_URL = "/en/e-services/targeted-social-assistance/"

APPLICANT = {
    "pin": "5ZJBKQG",
    "id_card_number": "AA1234567",
    "last_name": "Əliyeva",
    "first_name": "Gülşən",
    "patronymic": "Şükür qızı",
    "birth_date": "1985-03-14",
    "registered_address": "Bakı, Nəsimi r., Səməd Vurğun küç. 12, m. 5",
    "lives_at_registered_address": "yes",
    "mobile": "050 123 45 67",
    "email": "gulshen@example.az",
}


def group(name, items, **extra):
    """A repeating group as the browser posts it: its management form and one prefix per item."""
    data = {**extra, f"{name}-TOTAL_FORMS": str(len(items)), f"{name}-INITIAL_FORMS": "0"}
    for i, item in enumerate(items):
        data.update({f"{name}-{i}-{k}": v for k, v in item.items()})
    return data


def family(*members):
    return group("family_members", members, applicant_status="working")


MEMBERS = [
    {
        "pin": "7KQ2M1A",
        "last_name": "Əliyev",
        "first_name": "Rəşad",
        "birth_date": "1983-06-01",
        "relation": "spouse",
        "status": "unemployed",
    },
    {
        "pin": "3ZX9P0B",
        "last_name": "Əliyeva",
        "first_name": "Aysel",
        "birth_date": "2015-09-10",
        "relation": "child",
        "status": "child",
    },
]
FAMILY = family(*MEMBERS)
INCOMES = {
    "has_income": "yes",
    "incomes-TOTAL_FORMS": "1",
    "incomes-INITIAL_FORMS": "0",
    "incomes-0-member_pin": "5ZJBKQG",
    "incomes-0-type": "salary",
    "incomes-0-amount_12_months": "3600",
    "incomes-0-source": "Bakı Metropoliteni",
}
PROPERTY = {"dwellings_count": "1", "has_vehicle": "no"}
COSTS = {
    "electricity_monthly": "12.50",
    "gas_monthly": "8",
    "water_monthly": "4.20",
    "communication_monthly": "10",
}
PAYMENT = {
    "card_account": "AZ21NABZ00000000137010001944",
    "feedback_channel": "sms",
    "feedback_mobile": "+994501234567",
}
DECLARATION = {"truthful": "on", "data_processing": "on"}

STEPS = [
    ("applicant", APPLICANT),
    ("family", FAMILY),
    ("incomes", INCOMES),
    ("property", PROPERTY),
    ("costs", COSTS),
    ("payment", PAYMENT),
    ("declaration", DECLARATION),
]


def start(client, url=SERVICE_URL):
    response = client.post(url + "start/")
    assert response.status_code == 302, response
    return response["Location"]


def draft_id(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="draft" value="([^"]+)"', html).group(1)


def post_step(client, name, data, url=SERVICE_URL, **extra):
    step_url = f"{url}step/{name}/"
    return client.post(step_url, {**data, "draft": draft_id(client, step_url)}, **extra)


def fill_in(client, url=SERVICE_URL, steps=STEPS):
    start(client, url)
    for name, data in steps:
        response = post_step(client, name, data, url)
        assert response.status_code == 302, (name, response.content.decode()[:3000])
    return response


def submit(client, url=SERVICE_URL):
    check = client.get(url + "check/")
    draft = re.search(r'name="draft" value="([^"]+)"', check.content.decode()).group(1)
    return client.post(url + "check/", {"draft": draft})


# The same declaration as the API takes it: JSON, one key per field, a list per group.
ANSWERS = {
    "pin": "5ZJBKQG",
    "id_card_number": "AA1234567",
    "last_name": "Əliyeva",
    "first_name": "Gülşən",
    "patronymic": "Şükür qızı",
    "birth_date": "1985-03-14",
    "registered_address": "Bakı, Nəsimi r., Səməd Vurğun küç. 12, m. 5",
    "lives_at_registered_address": True,
    "mobile": "+994501234567",
    "applicant_status": "working",
    "family_members": MEMBERS,
    "has_income": True,
    "incomes": [{"member_pin": "5ZJBKQG", "type": "salary", "amount_12_months": "3600"}],
    "dwellings_count": 1,
    "has_vehicle": False,
    "electricity_monthly": "12.50",
    "gas_monthly": "8",
    "water_monthly": "4.20",
    "communication_monthly": "10",
    "feedback_channel": "status_page",
    "truthful": True,
    "data_processing": True,
}


_applicants = itertools.count(1)


def next_pin() -> str:
    """A FİN no other test applicant has (digits are FİN characters; the demo members' differ)."""
    return f"9{next(_applicants):06d}"


def of_applicant(pin: str, answers=None) -> dict:
    """The same declaration made by another applicant, who declares their own income: one
    applicant's open application refuses a second one of theirs, not someone else's."""
    answers = copy.deepcopy(answers or ANSWERS)
    old = answers.get("pin")
    answers["pin"] = pin
    for income in answers.get("incomes") or []:
        if income.get("member_pin") == old:
            income["member_pin"] = pin
    return answers


def another_applicant(answers=None) -> dict:
    return of_applicant(next_pin(), answers)
