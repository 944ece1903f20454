"""The need criterion, the benefit and the outcome."""

import numpy
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from ..entities import Family
from .base import MoneyVariable, qepiks
from .grounds import GROUNDS


class need_criterion(MoneyVariable):
    entity = Family
    definition_period = DateUnit.MONTH
    label = "The need criterion a person a month, in force in the month of the application"
    reference = "The yearly State Budget law"

    def formula(family, period, parameters):
        return family.filled_array(qepiks(parameters(period).need_criterion))


class need_criterion_total(MoneyVariable):
    entity = Family
    definition_period = DateUnit.MONTH
    label = "The family's need criterion: the need criterion × the members counted"
    reference = "Law on targeted state social assistance (2005)"

    def formula(family, period, parameters):
        return family("need_criterion", period) * family("family_size", period)


class refused(Variable):
    value_type = bool
    entity = Family
    definition_period = DateUnit.MONTH
    label = "At least one ground of refusal holds"

    def formula(family, period, parameters):
        return sum(family(ground.variable, period) for ground in GROUNDS) > 0


class monthly_benefit(MoneyVariable):
    entity = Family
    definition_period = DateUnit.MONTH
    label = "Assistance a month: the family's need criterion − its average monthly income"
    reference = "Law on targeted state social assistance (2005)"

    def formula(family, period, parameters):
        gap = family("need_criterion_total", period) - family("average_monthly_income", period)
        return numpy.where(family("refused", period), 0, numpy.maximum(gap, 0))


class granted(Variable):
    value_type = bool
    entity = Family
    definition_period = DateUnit.MONTH
    label = "Assistance is granted"

    def formula(family, period, parameters):
        return ~family("refused", period) * (family("monthly_benefit", period) > 0)


class assignment_months(Variable):
    value_type = int
    entity = Family
    definition_period = DateUnit.MONTH
    label = "Months the assistance is assigned for, from the 1st of the month of application"
    reference = "Law on targeted state social assistance (2005)"

    def formula(family, period, parameters):
        return family.filled_array(parameters(period).assignment_months)


VARIABLES = [
    need_criterion,
    need_criterion_total,
    refused,
    monthly_benefit,
    granted,
    assignment_months,
]
