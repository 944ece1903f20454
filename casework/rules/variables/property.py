"""Grounds 3, 4 and 7's facts: purchases and sales, vehicles, dwellings (the registries say what
the family owns; the declaration what it says it owns)."""

from datetime import date

from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from ..entities import Family
from .base import MoneyVariable


def _count(name: str, label: str):
    return type(
        name,
        (Variable,),
        {
            "value_type": int,
            "entity": Family,
            "definition_period": DateUnit.MONTH,
            "label": label,
            "__module__": __name__,
        },
    )


COUNTS = [
    _count(
        "registry_vehicles",
        "Vehicles the family owns or uses, not given by the state for rehabilitation (road police)",
    ),
    _count("declared_vehicles", "Vehicles declared, not given by the state for rehabilitation"),
    _count("undeclared_vehicles", "Vehicles the road police know and the declaration left out"),
    _count("registry_residential_dwellings", "Residential dwellings (real estate registry)"),
    _count("declared_dwellings", "Dwellings declared"),
    _count(
        "registry_dwellings_of_one_purpose",
        "The most dwellings of one purpose at different addresses (real estate registry)",
    ),
]


class deals_12_months(MoneyVariable):
    entity = Family
    definition_period = DateUnit.MONTH
    label = "Purchases and sales registered by notaries in the 12 months before the application"


class refused_for_false_information_on(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Family
    definition_period = DateUnit.MONTH
    label = "The last refusal of a member's application for false information"


VARIABLES = [*COUNTS, deals_12_months, refused_for_false_information_on]
