from decimal import Decimal

from .base import NestedError, Registry, iso


class LandRegistry(Registry):
    code = "land"
    name = {
        "az": "Torpaq payları reyestri",
        "ru": "Реестр земельных паёв",
        "en": "Land shares registry",
    }
    description = {
        "az": "Torpaq islahatı ilə verilmiş torpaq payları: bələdiyyə, sahə (hektar), kateqoriya.",
        "en": "Land shares given out in the land reform: municipality, area in hectares, category.",
    }
    errors = NestedError(codes={"not_found": "OWNER_NOT_FOUND"})

    def record(self, person, household, as_of):
        shares = person.land_shares
        return {
            "pin": person.pin,
            "land_shares": [
                {
                    "certificate_no": s.certificate_number,
                    "municipality": s.municipality,
                    "district": s.district,
                    "area_ha": f"{s.hectares:.2f}",
                    "category": s.category,
                    "registered_on": iso(s.registered_on),
                }
                for s in shares
            ],
            "total_area_ha": f"{sum((s.hectares for s in shares), Decimal(0)):.2f}",
        }


registry = LandRegistry()
