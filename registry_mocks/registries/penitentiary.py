from .base import CodeMessage, Registry, iso


class PenitentiaryService(Registry):
    code = "penitentiary"
    name = {"az": "Penitensiar Xidmət", "ru": "Пенитенциарная служба", "en": "Penitentiary Service"}
    description = {
        "az": (
            "Ədliyyə Nazirliyi: cəzaçəkmə müəssisəsində saxlanılma, qəbul və azad olunma tarixləri."
        ),
        "en": (
            "Ministry of Justice: custody in a penitentiary institution, dates of admission and "
            "release."
        ),
    }
    errors = CodeMessage(language="az", codes={"not_found": "PERSON_NOT_FOUND"})

    def record(self, person, household, as_of):
        records = [
            {
                "institution": i.institution,
                "admitted_on": iso(i.admitted_on),
                "release_due": iso(i.release_due),
                "released_on": iso(i.released_on),
                "status": "RELEASED" if i.released_on else "IN_CUSTODY",
            }
            for i in person.imprisonments
            if i.admitted_on <= as_of
        ]
        return {
            "pin": person.pin,
            "in_custody": any(r["status"] == "IN_CUSTODY" for r in records),
            "records": records,
        }


registry = PenitentiaryService()
