from .base import CodeMessage, Registry, iso

STATUSES = {
    "SERVING": "IN_SERVICE",
    "RESERVE": "RESERVE",
    "EXEMPT": "EXEMPT",
    "DEFERRED": "DEFERMENT",
}


class MilitaryRegistry(Registry):
    code = "military"
    name = {
        "az": "Səfərbərlik və Hərbi Xidmətə Çağırış üzrə Dövlət Xidməti",
        "ru": "Государственная служба по мобилизации и призыву на военную службу",
        "en": "State Service for Mobilisation and Conscription",
    }
    description = {
        "az": (
            "Hərbi uçot: həqiqi hərbi xidmətdə olanlar, ehtiyatda olanlar, möhlət və azadolmalar."
        ),
        "en": "Military records: who is serving now, in the reserve, deferred or exempt.",
    }
    errors = CodeMessage(language="az", codes={"not_found": "CITIZEN_NOT_FOUND"})

    def record(self, person, household, as_of):
        service = person.military
        serving = service is not None and service.status == "SERVING" and service.ends_on >= as_of
        return {
            "pin": person.pin,
            "military_status": STATUSES[service.status] if service else "NOT_LIABLE",
            "service": (
                {
                    "type": service.kind,
                    "unit": service.unit,
                    "started_on": iso(service.started_on),
                    "ends_on": iso(service.ends_on),
                }
                if serving
                else None
            ),
            "registered_at": f"{household.address_of(person).district} SHXÇDX şöbəsi"
            if service
            else None,
        }


registry = MilitaryRegistry()
