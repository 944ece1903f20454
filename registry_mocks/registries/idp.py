from .base import Registry, StatusEnvelope, amount, iso


class DisplacedPersons(Registry):
    code = "idp"
    name = {
        "az": "Qaçqınların və Məcburi Köçkünlərin İşləri üzrə Dövlət Komitəsi",
        "ru": "Государственный комитет по делам беженцев и вынужденных переселенцев",
        "en": "State Committee for Refugees and IDPs",
    }
    description = {
        "az": (
            "Məcburi köçkün statusu, gəldiyi rayon, vəsiqə, aylıq müavinət; doğma yurda qayıdanlar."
        ),
        "en": (
            "Internally displaced person status, district of origin, certificate, allowance; "
            "returns home."
        ),
    }
    errors = StatusEnvelope(language="az")

    def record(self, person, household, as_of):
        d = person.displacement
        return {
            "status": "OK",
            "data": {
                "pin": person.pin,
                "idpStatus": d.status if d else "NONE",
                "certificate": {"number": d.certificate_number, "issuedOn": iso(d.since)}
                if d
                else None,
                "origin": {"district": d.origin} if d else None,
                "displacedOn": iso(d.since) if d else None,
                "returnedOn": iso(d.returned_on) if d else None,
                "monthlyAllowance": amount(d.monthly_allowance) if d else None,
            },
        }


registry = DisplacedPersons()
