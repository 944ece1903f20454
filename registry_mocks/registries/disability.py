from .base import NestedError, Registry, iso


class DisabilityRegistry(Registry):
    code = "disability"
    name = {
        "az": "Tibbi-sosial ekspertiza (əlilliyin müəyyən edilməsi)",
        "ru": "Медико-социальная экспертиза",
        "en": "Medical-social expertise (disability)",
    }
    description = {
        "az": (
            "Əlillik qrupu (I, II, III) və ya 18 yaşınadək sağlamlıq imkanları məhdudluğu, səbəbi "
            "və müddəti."
        ),
        "en": (
            "Disability group (I, II, III) or, under 18, limited health abilities; cause and "
            "validity."
        ),
    }
    errors = NestedError(codes={"not_found": "CITIZEN_NOT_FOUND"})

    def record(self, person, household, as_of):
        examinations = []
        if d := person.disability:
            examinations.append(
                {
                    "decision_number": d.decision_number,
                    "examined_on": iso(d.examined_on),
                    "category": f"GROUP_{d.group}" if d.group else "UNDER_18",
                    "group": d.group,
                    "cause": d.cause,
                    "valid_from": iso(d.examined_on),
                    "valid_until": iso(d.valid_until),
                    "indefinite": d.valid_until is None,
                    "status": "EXPIRED" if d.valid_until and d.valid_until < as_of else "VALID",
                }
            )
        return {
            "pin": person.pin,
            "has_disability": any(e["status"] == "VALID" for e in examinations),
            "examinations": examinations,
        }


registry = DisabilityRegistry()
