from ..identifiers import person_number
from .base import NestedError, Registry, iso


def _act(prefix, day, seed) -> str:
    return f"{prefix}-{day.year}-{seed % 100_000:05d}"


class CivilRegistry(Registry):
    code = "civil"
    name = {
        "az": "Vətəndaşlıq vəziyyəti aktlarının dövlət reyestri",
        "ru": "Государственный реестр актов гражданского состояния",
        "en": "Civil status registry",
    }
    description = {
        "az": (
            "Ədliyyə Nazirliyi: doğum, nikah, nikahın pozulması və ölüm aktları; valideynlər və "
            "uşaqlar."
        ),
        "en": "Ministry of Justice: births, marriages, divorces and deaths; parents and children.",
    }
    errors = NestedError(language="az", codes={"not_found": "PERSON_NOT_FOUND"})
    needs_civil_record = True

    def record(self, person, household, as_of):
        seed = person_number(person.household_index, person.member_index)
        parents = {p.sex: p for p in household.parents_of(person)}
        return {
            "pin": person.pin,
            "surname": person.surname,
            "name": person.given_name,
            "patronymic": person.patronymic,
            "sex": person.sex,
            "citizenship": "AZE",
            "birth": {
                "date": iso(person.birth_date),
                "place": person.birth_place,
                "act_number": _act("D", person.birth_date, seed),
            },
            "parents": {
                "father_pin": parents["M"].pin if "M" in parents else None,
                "mother_pin": parents["F"].pin if "F" in parents else None,
            },
            "children": [
                {"pin": c.pin, "name": c.full_name, "birth_date": iso(c.birth_date)}
                for c in household.children_of(person)
                if c.in_civil_registry
            ],
            "marital_status": _marital_status(person),
            "marriages": [
                {
                    "spouse_pin": m.spouse_pin,
                    "spouse_name": m.spouse_name,
                    "registered_on": iso(m.registered_on),
                    "act_number": m.act_number,
                    "ended_on": iso(m.ended_on),
                    "ended_by": m.ended_by or None,
                }
                for m in person.marriages
            ],
            "status": "ALIVE" if person.death_date is None else "DECEASED",
            "death": (
                {"date": iso(person.death_date), "act_number": _act("Ö", person.death_date, seed)}
                if person.death_date
                else None
            ),
        }


def _marital_status(person) -> str:
    if not person.marriages:
        return "SINGLE"
    last = max(person.marriages, key=lambda m: m.registered_on)
    if last.ended_on is None:
        return "MARRIED"
    return "WIDOWED" if last.ended_by == "DEATH" else "DIVORCED"


registry = CivilRegistry()
