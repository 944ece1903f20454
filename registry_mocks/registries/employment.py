from .base import Registry, ResultList, amount, iso


class EmploymentAgency(Registry):
    code = "employment"
    name = {
        "az": "Dövlət Məşğulluq Agentliyi",
        "ru": "Государственное агентство занятости",
        "en": "State Employment Agency",
    }
    description = {
        "az": (
            "İşsiz kimi qeydiyyat, təklif olunan işlər və imtinalar, işsizlikdən sığorta ödənişi."
        ),
        "en": "Registration as unemployed, job offers made and refused, unemployment insurance.",
    }
    errors = ResultList(language="az")

    def record(self, person, household, as_of):
        unemployment = person.unemployment
        if unemployment is None or unemployment.registered_on is None:
            registration = {
                "status": "NOT_REGISTERED",
                "registered_on": None,
                "deregistered_on": None,
                "centre": None,
            }
        else:
            registration = {
                "status": "DEREGISTERED" if unemployment.deregistered_on else "REGISTERED",
                "registered_on": iso(unemployment.registered_on),
                "deregistered_on": iso(unemployment.deregistered_on),
                "centre": unemployment.centre,
            }
        insurance = None
        if unemployment and unemployment.insurance_monthly:
            insurance = {
                "status": "RECEIVING" if unemployment.insurance_to >= as_of else "ENDED",
                "monthly_amount": amount(unemployment.insurance_monthly),
                "from": iso(unemployment.insurance_from),
                "to": iso(unemployment.insurance_to),
            }
        offers = unemployment.offers if unemployment else []
        return {
            "success": True,
            "result": {
                "pin": person.pin,
                "registration": registration,
                "unemployment_insurance": insurance,
                "job_offers": [
                    {
                        "offered_on": iso(o.offered_on),
                        "employer": o.employer,
                        "position": o.position,
                        "salary": amount(o.monthly_salary),
                        "suitable": o.suitable,
                        "outcome": o.outcome,
                    }
                    for o in offers
                ],
                "refused_suitable_offers": sum(
                    o.outcome == "REFUSED" and o.suitable for o in offers
                ),
            },
            "errors": [],
        }


registry = EmploymentAgency()
