"""Facts for the rules, written the short way: a family of people with monthly incomes (AZN,
the same in each of the 12 months before the application) and a few facts each."""

from datetime import date

from casework.rules.facts import Facts

FAMILY_DEFAULTS = {
    "registry_residential_dwellings": 1,
    "declared_dwellings": 1,
    "registry_dwellings_of_one_purpose": 1,
}


def situation(applied: str, people: list[dict], **family) -> Facts:
    """`people`: [{"born": "1988-04-12", "salary": 450, "employed": True, …}], the applicant first.
    An income key (salary, pension, benefit, …) is AZN a month from the registries; it is also
    what was declared unless `declared` (AZN over the 12 months) says otherwise."""
    application = date.fromisoformat(applied)
    index = application.year * 12 + application.month - 1
    window = [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - 12, index)]
    persons = []
    for number, person in enumerate(people):
        person = dict(person)
        born = person.pop("born")
        declared = person.pop("declared", None)
        months, monthly_total = {}, 0
        for source in ("salary", "pension", "benefit", "entrepreneurship", "other"):
            if source in person:
                amount = round(person.pop(source) * 100)
                months[f"income_{source}"] = dict.fromkeys(window, amount)
                monthly_total += amount
        inputs = {
            "birth_date": born,
            "counted_in_family": True,
            "declared_income_12_months": (
                round(declared * 100) if declared is not None else monthly_total * 12
            ),
            **person,
        }
        persons.append(
            {
                "id": f"P{number}",
                "role": "applicant" if number == 0 else "member",
                "inputs": inputs,
                "months": months,
            }
        )
    return Facts(application, persons, {**FAMILY_DEFAULTS, **family}, {"names": {}})


def working(born="1988-04-12", salary=450, **facts):
    return {"born": born, "salary": salary, "employed": True, **facts}


def carer(born="1991-09-03", **facts):
    return {"born": born, "declared_carer": True, **facts}


def child(born="2021-02-11", **facts):
    return {"born": born, **facts}
