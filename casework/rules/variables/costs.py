"""Ground 6's facts: the family's monthly utility and communication costs."""

import numpy
from openfisca_core.periods import DateUnit

from ..entities import Family
from .base import MoneyVariable


def _cost(name: str, label: str):
    return type(
        name,
        (MoneyVariable,),
        {
            "entity": Family,
            "definition_period": DateUnit.MONTH,
            "label": label,
            "__module__": __name__,
        },
    )


INPUTS = [
    _cost("registry_utility_costs", "Electricity, gas and water a month (the utilities' bills)"),
    _cost("declared_utility_costs", "Electricity, gas and water a month, as declared"),
    _cost("registry_communication_costs", "Phone and internet a month (the operators' bills)"),
    _cost("declared_communication_costs", "Phone and internet a month, as declared"),
]


class utility_and_communication_costs(MoneyVariable):
    entity = Family
    definition_period = DateUnit.MONTH
    label = "Utility and communication costs a month: the larger of the declared and the bills"

    def formula(family, period, parameters):
        utilities = numpy.maximum(
            family("registry_utility_costs", period), family("declared_utility_costs", period)
        )
        communications = numpy.maximum(
            family("registry_communication_costs", period),
            family("declared_communication_costs", period),
        )
        return utilities + communications


VARIABLES = [*INPUTS, utility_and_communication_costs]
