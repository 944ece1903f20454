from .base import Registry, StatusEnvelope, iso, month_key, number, window


class CommunicationsRegistry(Registry):
    code = "communications"
    name = {
        "az": "Rabitə xidmətləri (mobil, stasionar telefon, internet)",
        "ru": "Услуги связи (мобильная, стационарная, интернет)",
        "en": "Communications: mobile, fixed line, internet",
    }
    description = {
        "az": (
            "Rəqəmsal İnkişaf və Nəqliyyat Nazirliyi: operatorlar üzrə abunəliklər və aylıq "
            "hesablar."
        ),
        "en": (
            "Ministry of Digital Development: subscriptions with each operator and their monthly "
            "bills."
        ),
    }
    errors = StatusEnvelope()

    def record(self, person, household, as_of):
        months, period = window(as_of)
        return {
            "status": "OK",
            "data": {
                "pin": person.pin,
                "period": period,
                "currency": "AZN",
                "subscriptions": [
                    {
                        "operator": s.operator,
                        "number": s.number,
                        "type": s.kind,
                        "active_since": iso(s.since),
                        "bills": [
                            {"period": month_key(year, month), "amount": number(bill)}
                            for year, month in months
                            if (bill := s.bill(year, month)) is not None
                        ],
                    }
                    for s in person.subscriptions
                ],
            },
        }


registry = CommunicationsRegistry()
