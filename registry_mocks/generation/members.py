"""Who lives in a generated household: its composition, names, marriages, and who applies.

Names, surnames (female forms in -ova/-eva) and patronymics are consistent within a household:
children are named after their father, and no two members share a given name. Members carry
provisional PINs while they are drawn; `_Members.order` then makes the applicant member 0 and
gives everyone their final index, PIN, social insurance number and relation to the applicant.
"""

import random
from datetime import timedelta

from .. import data, identifiers
from ..building import REFERENCE_DATE, new_person, years_ago
from ..identifiers import encode_pin, person_number
from ..names import FEMALE_NAMES, MALE_NAMES, SURNAMES, patronymic, surname_for
from ..people import Marriage, Person

COMPOSITIONS = [
    ("single", 9),
    ("couple", 11),
    ("family", 45),
    ("single_parent", 10),
    ("extended", 25),
]


def draw_members(rng: random.Random, index: int, place: data.Place) -> list[Person]:
    """The members of household `index`, the applicant first."""
    return _Members(rng, index, place).draw()


class _Members:
    """Draws one household's members; remembers the provisional indices and the given names
    used so far."""

    def __init__(self, rng: random.Random, index: int, place: data.Place):
        self.rng = rng
        self.index = index
        self.place = place
        self._created = 0  # members get provisional indices until order() knows the applicant
        self._names: set[str] = set()  # no two members share a given name

    def draw(self) -> list[Person]:
        rng = self.rng
        kind = rng.choices(*zip(*COMPOSITIONS, strict=True))[0]
        surname = rng.choice(SURNAMES)
        if kind == "single":
            sex = rng.choice("MF")
            return self.order([("head", self._adult(sex, rng.randint(22, 84), surname))])
        if kind == "single_parent":
            mother = self._adult("F", rng.randint(26, 50), surname)
            father_surname, father_name = rng.choice(SURNAMES), rng.choice(MALE_NAMES)
            people = [("head", mother)] + self._children(mother, father_surname, father_name)
            _end_marriage(
                rng, mother, rng.choice(["DIVORCE", "DEATH"]), father_surname, father_name
            )
            return self.order(people)

        with_children = kind != "couple"
        husband_age = rng.randint(24, 58) if with_children else rng.randint(25, 84)
        husband = self._adult("M", husband_age, surname)
        wife = self._adult("F", max(19, husband_age - rng.randint(0, 7)), surname, married=True)
        _marry(rng, husband, wife)
        people = [("husband", husband), ("wife", wife)]
        if with_children:
            people += self._children(wife, surname, husband.given_name)
        if kind == "extended":
            people += self._parents_of(husband)
        return self.order(people)

    def _adult(self, sex, age, surname, *, married=False) -> Person:
        rng = self.rng
        if sex == "F" and married and rng.random() < 0.3:
            surname = rng.choice(SURNAMES)  # she kept her own surname
        return self._person(sex, years_ago(age + rng.random()), surname, rng.choice(MALE_NAMES))

    def _person(self, sex, birth_date, surname, father_name) -> Person:
        names = [n for n in (MALE_NAMES if sex == "M" else FEMALE_NAMES) if n not in self._names]
        self._created += 1
        person = new_person(
            self.index,
            self._created - 1,
            relation="",
            sex=sex,
            birth_date=birth_date,
            surname=surname,
            given_name=self.rng.choice(names),
            father_name=father_name,
            birth_place=self.place.region,
        )
        self._names.add(person.given_name)
        return person

    def _children(self, mother, surname, father_name) -> list[tuple[str, Person]]:
        rng = self.rng
        count = rng.choices([1, 2, 3, 4], weights=[30, 40, 22, 8])[0]
        mother_age = mother.age(REFERENCE_DATE)
        born_at = rng.randint(20, 30)
        children = []
        for _ in range(count):
            age = mother_age - born_at
            if 0 <= age <= 25:
                child = self._person(
                    rng.choice("MF"), years_ago(age + rng.random()), surname, father_name
                )
                children.append(("child", child))
            born_at += rng.randint(1, 5)
        return children

    def _parents_of(self, person) -> list[tuple[str, Person]]:
        rng = self.rng
        father_age = person.age(REFERENCE_DATE) + rng.randint(22, 35)
        parents = []
        if father_age <= 90 and rng.random() < 0.7:
            father = self._person(
                "M",
                years_ago(father_age + rng.random()),
                person.surname,
                rng.choice(MALE_NAMES),
            )
            father.given_name = person.father_name  # the husband's patronymic names him
            parents.append(("grandfather", father))
        mother_age = father_age - rng.randint(0, 6)
        if mother_age <= 92:
            mother = self._adult("F", mother_age, person.surname, married=bool(parents))
            parents.append(("grandmother", mother))
        if len(parents) == 2:
            _marry(rng, parents[0][1], parents[1][1])
        elif parents:  # a widow: her late husband was the person's father
            _end_marriage(rng, parents[0][1], "DEATH", person.surname, person.father_name)
        return parents

    def order(self, people: list[tuple[str, Person]]) -> list[Person]:
        """Make the applicant member 0 and give everyone their final index, PIN and relation."""
        roles = {id(p): role for role, p in people}
        applicant = people[0][1]
        if people[0][0] == "husband" and self.rng.random() < 0.2:
            applicant = people[1][1]  # the wife applies for the family
        ordered = [applicant] + [p for _, p in people if p is not applicant]
        old_pins = {}
        for member_index, person in enumerate(ordered):
            old_pins[person.pin] = encode_pin(self.index, member_index)
            person.member_index = member_index
            person.pin = old_pins[person.pin]
            number = person_number(self.index, member_index)
            person.ssn = identifiers.social_insurance_number(number)
            person.relation = _relation(roles[id(applicant)], roles[id(person)], person.sex)
        for person in ordered:
            for marriage in person.marriages:
                marriage.spouse_pin = old_pins.get(marriage.spouse_pin)
        return ordered


def _marry(rng, husband, wife) -> None:
    registered = years_ago(rng.uniform(0.5, max(1, wife.age(REFERENCE_DATE) - 19)))
    act = f"N-{registered.year}-{rng.randint(1000, 99999):05d}"
    # PINs are provisional until order(), which rewrites spouse_pin too.
    husband.marriages.append(Marriage(wife.full_name, wife.pin, registered, act))
    wife.marriages.append(Marriage(husband.full_name, husband.pin, registered, act))


def _end_marriage(rng, person, ended_by, spouse_surname, spouse_name) -> None:
    """A marriage to someone outside the household, ended by divorce or the spouse's death."""
    spouse_sex = "F" if person.sex == "M" else "M"
    registered = years_ago(rng.uniform(3, max(4, person.age(REFERENCE_DATE) - 20)))
    ended = registered + timedelta(
        days=rng.randint(365, max(366, (REFERENCE_DATE - registered).days))
    )
    spouse = (
        f"{surname_for(spouse_surname, spouse_sex)} {spouse_name} "
        f"{patronymic(rng.choice(MALE_NAMES), spouse_sex)}"
    )
    act = f"N-{registered.year}-{rng.randint(1000, 99999):05d}"
    person.marriages.append(Marriage(spouse, None, registered, act, ended, ended_by))


def _relation(applicant_role, role, sex) -> str:
    if role == applicant_role:
        return "applicant"
    if {role, applicant_role} == {"husband", "wife"}:
        return "spouse"
    if role == "child":
        return "son" if sex == "M" else "daughter"
    # Grandparents are the husband's parents: parents-in-law when the wife applies.
    in_law = "-in-law" if applicant_role == "wife" else ""
    return ("father" if sex == "M" else "mother") + in_law
