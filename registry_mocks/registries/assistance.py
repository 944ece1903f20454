from .base import Registry, ResultList, amount, iso


class AssistanceHistory(Registry):
    code = "assistance"
    name = {
        "az": "Ünvanlı dövlət sosial yardımı: müraciətlər",
        "ru": "Адресная государственная социальная помощь: обращения",
        "en": "Targeted social assistance: applications",
    }
    description = {
        "az": (
            "Nazirliyin öz reyestri: şəxsin ərizəçi və ya ailə üzvü kimi iştirak etdiyi "
            "müraciətlər və qərarlar."
        ),
        "en": (
            "The ministry's own records: applications a person was in, as applicant or member, and"
            " decisions."
        ),
    }
    errors = ResultList()

    def record(self, person, household, as_of):
        applications = [a for a in person.assistance if a.submitted_on <= as_of]
        return {
            "success": True,
            "result": {
                "pin": person.pin,
                "hasOpenApplication": any(a.status == "OPEN" for a in applications),
                "applications": [
                    {
                        "applicationNumber": a.number,
                        "submittedOn": iso(a.submitted_on),
                        "role": a.role,
                        "status": a.status,
                        "decidedOn": iso(a.decided_on),
                        "assignment": (
                            {
                                "from": iso(a.assigned_from),
                                "to": iso(a.assigned_to),
                                "monthlyAmount": amount(a.monthly_amount),
                            }
                            if a.assigned_from
                            else None
                        ),
                        "refusalReason": a.refusal_reason or None,
                    }
                    for a in applications
                ],
            },
            "errors": [],
        }


registry = AssistanceHistory()
