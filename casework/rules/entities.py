"""Who the rules are about: persons, and the family they form (one household, one set of meters),
represented by its applicant."""

from openfisca_core.entities import build_entity

Person = build_entity(
    key="person",
    plural="persons",
    label="A member of the family",
    is_person=True,
)

Family = build_entity(
    key="family",
    plural="families",
    label="The family that applies: people living together with a common household",
    roles=[
        {"key": "applicant", "label": "Applicant", "max": 1},
        {"key": "member", "plural": "members", "label": "Member"},
    ],
)

entities = [Person, Family]
