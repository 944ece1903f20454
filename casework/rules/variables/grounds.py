"""The seven grounds of refusal, each its own variable (the law: art. 8; decision No. 37, §3).
A family is refused on every ground that holds, not only the first."""

from dataclasses import dataclass

from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from ..entities import Family
from .base import add_months, qepiks


def _ground(name: str, label: str, reference: str, formula):
    return type(
        name,
        (Variable,),
        {
            "value_type": bool,
            "entity": Family,
            "definition_period": DateUnit.MONTH,
            "label": label,
            "reference": reference,
            "formula": formula,
            "__module__": __name__,
        },
    )


class barred_after_false_information(Variable):
    value_type = bool
    entity = Family
    definition_period = DateUnit.MONTH
    label = "Refused for false information recently enough to be barred from applying"
    reference = "Law on targeted state social assistance (2005)"

    def formula(family, period, parameters):
        refused_on = family("refused_for_false_information_on", period)
        until = add_months(refused_on, parameters(period).false_information_bar_months)
        return family("application_date", period) < until


def _false_information(family, period, parameters):
    return (
        family.any(family.members("undeclared_income", period))
        + (family("undeclared_vehicles", period) > 0)
        + (family("registry_residential_dwellings", period) > family("declared_dwellings", period))
        + family("barred_after_false_information", period)
    )


def _income(family, period, parameters):
    return family("average_monthly_income", period) >= family("need_criterion_total", period)


def _deals(family, period, parameters):
    p = parameters(period)
    limit = qepiks(p.subsistence_minimum.country_wide) * p.deals_limit_in_subsistence_minimums
    return family("deals_12_months", period) > limit


def _vehicle(family, period, parameters):
    return (family("registry_vehicles", period) + family("declared_vehicles", period)) > 0


def _no_reason_for_not_working(family, period, parameters):
    return family.any(family.members("able_bodied_without_reason", period))


def _utility_costs(family, period, parameters):
    p = parameters(period)
    per_person = qepiks(p.subsistence_minimum.country_wide * p.utility_costs_share)
    return family("utility_and_communication_costs", period) >= per_person * family(
        "family_size", period
    )


def _dwellings(family, period, parameters):
    most = family("registry_dwellings_of_one_purpose", period)
    declared = family("declared_dwellings", period)
    return (most >= 2) + (declared >= 2)


@dataclass(frozen=True)
class Ground:
    number: int
    code: str
    variable: str
    # Registries whose answer can only clear a family of this ground: when one of them did not
    # answer, the ground holding proves nothing (an unreachable registry never refuses).
    cleared_by: tuple[str, ...] = ()


GROUNDS = [
    Ground(1, "false_information", "refusal_false_information"),
    Ground(2, "income", "refusal_income"),
    Ground(3, "purchases_and_sales", "refusal_purchases_and_sales"),
    Ground(4, "vehicle", "refusal_vehicle"),
    Ground(
        5,
        "no_reason_for_not_working",
        "refusal_no_reason_for_not_working",
        cleared_by=(
            "labour",
            "tax",
            "sspf",
            "employment",
            "education",
            "military",
            "penitentiary",
            "disability",
        ),
    ),
    Ground(6, "utility_costs", "refusal_utility_costs"),
    Ground(7, "several_dwellings", "refusal_several_dwellings"),
]

VARIABLES = [
    barred_after_false_information,
    _ground(
        "refusal_false_information",
        "Ground 1: the declaration does not match the registries, or false information bars it",
        "Law on targeted state social assistance (2005)",
        _false_information,
    ),
    _ground(
        "refusal_income",
        "Ground 2: average monthly income at or above the family's need criterion",
        "Law on targeted state social assistance (2005)",
        _income,
    ),
    _ground(
        "refusal_purchases_and_sales",
        "Ground 3: purchases or sales in the 12 months above the limit",
        "Cabinet of Ministers decision No. 37 (2016)",
        _deals,
    ),
    _ground(
        "refusal_vehicle",
        "Ground 4: the family owns or uses a vehicle (not one the state gave for rehabilitation)",
        "Cabinet of Ministers decision No. 37 (2016)",
        _vehicle,
    ),
    _ground(
        "refusal_no_reason_for_not_working",
        "Ground 5: an able-bodied member of working age does not work without a valid reason",
        "Law on targeted state social assistance (2005)",
        _no_reason_for_not_working,
    ),
    _ground(
        "refusal_utility_costs",
        "Ground 6: utility and communication costs per person at or above the limit",
        "Cabinet of Ministers decision No. 37 (2016)",
        _utility_costs,
    ),
    _ground(
        "refusal_several_dwellings",
        "Ground 7: two or more dwellings of the same purpose at different addresses",
        "Cabinet of Ministers decision No. 37 (2016)",
        _dwellings,
    ),
]
