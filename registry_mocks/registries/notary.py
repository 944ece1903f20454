from .base import NestedError, Registry, amount, iso


class NotaryRegistry(Registry):
    code = "notary"
    name = {
        "az": "Notariat elektron reyestri",
        "ru": "Электронный нотариальный реестр",
        "en": "Notarial deeds registry",
    }
    description = {
        "az": "Ədliyyə Nazirliyi: alqı-satqı, bağışlama və etibarnamələr; tərəflər və məbləğ.",
        "en": (
            "Ministry of Justice: notarised purchases, sales, gifts and powers of attorney; "
            "parties and amounts."
        ),
    }
    errors = NestedError(language="az", codes={"not_found": "PERSON_NOT_FOUND"})

    def record(self, person, household, as_of):
        return {
            "pin": person.pin,
            "deeds": [
                {
                    "registryNumber": d.registry_number,
                    "date": iso(d.signed_on),
                    "notaryOffice": d.notary_office,
                    "actType": d.kind,
                    "role": d.role,
                    "subject": d.subject,
                    "description": d.description,
                    "amount": {"value": amount(d.amount), "currency": "AZN"},
                    "counterparty": d.counterparty,
                }
                for d in sorted(person.deeds, key=lambda d: d.signed_on)
                if d.signed_on <= as_of
            ],
        }


registry = NotaryRegistry()
