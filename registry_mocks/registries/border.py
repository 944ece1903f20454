from .base import Registry, SoapFault, iso


class BorderService(Registry):
    code = "border"
    name = {
        "az": "Dövlət Sərhəd Xidməti",
        "ru": "Государственная пограничная служба",
        "en": "State Border Service",
    }
    description = {
        "az": "Sərhədkeçmə qeydləri: tarix, istiqamət (giriş/çıxış), keçid məntəqəsi, ölkə.",
        "en": "Border crossings: date, direction (entry or exit), checkpoint, country.",
    }
    errors = SoapFault()

    def record(self, person, household, as_of):
        crossings = [c for c in person.border_crossings if c.crossed_on <= as_of]
        return {
            "Pin": person.pin,
            "Crossings": [
                {
                    "Date": iso(c.crossed_on),
                    "Direction": c.direction,
                    "Checkpoint": c.checkpoint,
                    "Country": c.country,
                }
                for c in crossings
            ],
            "CurrentlyAbroad": bool(crossings) and crossings[-1].direction == "EXIT",
        }


registry = BorderService()
