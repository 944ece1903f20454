from ..names import az_upper
from .base import Registry, SoapFault, iso

RIGHTS = {"OWNER": "OWNER", "POWER_OF_ATTORNEY": "PROXY"}


class VehicleRegistry(Registry):
    code = "vehicles"
    name = {
        "az": "Baş Dövlət Yol Polisi İdarəsi: nəqliyyat vasitələri",
        "ru": "Главное управление дорожной полиции: транспортные средства",
        "en": "Road police: registered vehicles",
    }
    description = {
        "az": (
            "Şəxsin sahibi olduğu və ya etibarnamə ilə istifadə etdiyi nəqliyyat vasitələri; "
            "dövlətin reabilitasiya üçün verdikləri."
        ),
        "en": (
            "Vehicles a person owns or drives on a power of attorney; those the state gave for "
            "rehabilitation."
        ),
    }
    errors = SoapFault()

    def record(self, person, household, as_of):
        return {
            "OwnerPin": person.pin,
            "OwnerName": az_upper(person.full_name),
            "Vehicles": [
                {
                    "PlateNumber": v.plate,
                    "Vin": v.vin,
                    "Make": v.make,
                    "Model": v.model,
                    "ManufactureYear": v.year,
                    "Colour": v.colour,
                    "EngineCapacity": v.engine_cc,
                    "RegistrationDate": iso(v.registered_on),
                    "RightType": RIGHTS[v.right],
                    "StateProgramme": v.state_programme or None,
                }
                for v in person.vehicles
            ],
            "Count": len(person.vehicles),
        }


registry = VehicleRegistry()
