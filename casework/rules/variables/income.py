"""Incomes: what the registries show month by month, by source; what the family declared for the
12 months before the application; and the family's average monthly income, which the law
compares with the need criterion."""

import numpy
from openfisca_core.periods import DateUnit
from openfisca_core.populations import ADD
from openfisca_core.variables import Variable

from ..entities import Family, Person
from .base import MONTHS_COUNTED, MoneyVariable, qepiks, twelve_months_before

# The sources the registries report income by (tax service, e-labour, the social protection
# fund, the employment agency, the education ministry's stipends).
INCOME_SOURCES = {
    "salary": "Salary",
    "pension": "Pension",
    "benefit": "Social benefit",
    "entrepreneurship": "Income from entrepreneurship",
    "unemployment_insurance": "Unemployment insurance",
    "other": "Other income (stipends and the like)",
}


def _income_by_source(source: str, label: str):
    return type(
        f"income_{source}",
        (MoneyVariable,),
        {
            "entity": Person,
            "definition_period": DateUnit.MONTH,
            "label": f"{label} in the month, as the registries report it",
            "__module__": __name__,
        },
    )


SOURCE_VARIABLES = [_income_by_source(source, label) for source, label in INCOME_SOURCES.items()]


class registry_income_12_months(MoneyVariable):
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Income of the 12 whole months before the application, as the registries report it"
    reference = "Law on targeted state social assistance (2005)"

    def formula(person, period, parameters):
        window = twelve_months_before(period)
        return sum(person(f"income_{source}", window, options=[ADD]) for source in INCOME_SOURCES)


class declared_income_12_months(MoneyVariable):
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Income of the 12 months before the application, as declared"


class income_12_months(MoneyVariable):
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Income counted for the 12 months: the larger of the declared and the registries'"
    documentation = (
        "Income no registry knows (alimony, a household plot) counts as declared; income the "
        "registries know counts in full even where less was declared."
    )

    def formula(person, period, parameters):
        counted = person("counted_in_family", period)
        larger = numpy.maximum(
            person("registry_income_12_months", period),
            person("declared_income_12_months", period),
        )
        return numpy.where(counted, larger, 0)


class undeclared_income(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.MONTH
    label = "The registries show more income than declared, beyond the tolerance"
    reference = "Law on targeted state social assistance (2005)"

    def formula(person, period, parameters):
        tolerance = qepiks(parameters(period).undeclared_income_tolerance) * MONTHS_COUNTED
        difference = person("registry_income_12_months", period) - person(
            "declared_income_12_months", period
        )
        return person("counted_in_family", period) * (difference > tolerance)


class family_income_12_months(MoneyVariable):
    entity = Family
    definition_period = DateUnit.MONTH
    label = "The family's income of the 12 months before the application"

    def formula(family, period, parameters):
        return family.sum(family.members("income_12_months", period))


class average_monthly_income(MoneyVariable):
    entity = Family
    definition_period = DateUnit.MONTH
    label = "The family's average monthly income (the 12 months' income / 12, to the qəpik)"
    reference = "Law on targeted state social assistance (2005)"

    def formula(family, period, parameters):
        total = family("family_income_12_months", period)
        # Half a qəpik and above rounds up, as people round.
        return (2 * total + MONTHS_COUNTED) // (2 * MONTHS_COUNTED)


VARIABLES = [
    *SOURCE_VARIABLES,
    registry_income_12_months,
    declared_income_12_months,
    income_12_months,
    undeclared_income,
    family_income_12_months,
    average_monthly_income,
]
