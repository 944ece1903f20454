"""Who is in the family, and how old they are on the day of the application."""

from datetime import date

from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from ..entities import Family, Person
from .base import full_years_between


class application_date(Variable):
    value_type = date
    entity = Family
    definition_period = DateUnit.MONTH
    label = "The day the declaration was submitted"
    reference = "Cabinet of Ministers decision No. 37 (2016)"


class birth_date(Variable):
    value_type = date
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Date of birth (civil registry)"


class counted_in_family(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Counted as a member of the family"
    documentation = (
        "Everyone declared counts, unless a caseworker found that a person does not belong to "
        "the family (a member who died, or who lives elsewhere)."
    )


class age(Variable):
    value_type = int
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Age in whole years on the day of the application"

    def formula(person, period, parameters):
        return full_years_between(
            person("birth_date", period), person.family("application_date", period)
        )


class family_size(Variable):
    value_type = int
    entity = Family
    definition_period = DateUnit.MONTH
    label = "Number of family members counted"
    reference = "Law on targeted state social assistance (2005)"

    def formula(family, period, parameters):
        return family.sum(family.members("counted_in_family", period))


VARIABLES = [application_date, birth_date, counted_in_family, age, family_size]
