from .base import Problem, Registry, iso, number


class RealEstateRegistry(Registry):
    code = "realestate"
    name = {
        "az": "Daşınmaz əmlakın dövlət reyestri",
        "ru": "Государственный реестр недвижимости",
        "en": "State real estate registry",
    }
    description = {
        "az": (
            "Əmlak Məsələləri Dövlət Xidməti: şəxsin mülkiyyətində olan mənzil, ev və "
            "qeyri-yaşayış sahələri."
        ),
        "en": (
            "State Service for Property Issues: flats, houses and non-residential premises a "
            "person owns."
        ),
    }
    errors = Problem(base_uri="https://emlak.example.az/problem")

    def record(self, person, household, as_of):
        return {
            "owner": {"fin": person.pin, "fullName": person.full_name},
            "properties": [
                {
                    "registryNumber": d.registry_number,
                    "cadastralCode": d.cadastral_code,
                    "propertyType": d.kind,
                    "purpose": d.purpose,
                    "address": {"addressId": d.address.address_id, "text": d.address.line()},
                    "area": {
                        "total": number(d.total_area),
                        "living": number(d.living_area),
                        "unit": "m2",
                    },
                    "share": d.share,
                    "right": "OWNERSHIP",
                    "basis": d.acquired_by,
                    "registeredOn": iso(d.acquired_on),
                }
                for d in person.dwellings
            ],
        }


registry = RealEstateRegistry()
