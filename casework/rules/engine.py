"""Running the rules: many families in one vectorised simulation (OpenFisca computes a thousand as
cheaply as one), each family's result and its own slice of the computation trace."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy
from openfisca_core.periods import DateUnit, period
from openfisca_core.simulation_builder import SimulationBuilder

from .facts import APPLICANT, Facts
from .parameters import missing_at
from .system import EligibilityRules
from .variables.base import twelve_months_before
from .variables.grounds import GROUNDS


class ParametersMissing(Exception):
    """The parameters in force have no value for the application's date."""


@dataclass
class Assessment:
    """What the rules say about one family."""

    granted: bool
    monthly_benefit: Decimal  # AZN
    grounds: list[str]  # codes of every ground of refusal that holds
    # name → value of the family's variables; name → {PIN: value} of its members'
    family: dict = field(default_factory=dict)
    persons: dict = field(default_factory=dict)
    trace: dict | None = None  # "variable<period>" → {"value", "dependencies", "parameters"}

    @property
    def outcome(self) -> str:
        return "granted" if self.granted else "refused"


FAMILY_RESULTS = [
    "granted",
    "refused",
    "monthly_benefit",
    "average_monthly_income",
    "family_income_12_months",
    "need_criterion",
    "need_criterion_total",
    "family_size",
    "assignment_months",
    "utility_and_communication_costs",
    "deals_12_months",
    "barred_after_false_information",
    *(ground.variable for ground in GROUNDS),
]
PERSON_RESULTS = [
    "age",
    "counted_in_family",
    "income_12_months",
    "registry_income_12_months",
    "declared_income_12_months",
    "undeclared_income",
    "able_bodied_without_reason",
    "refused_suitable_jobs",
]
VERDICT = ["granted", "monthly_benefit", *(ground.variable for ground in GROUNDS)]
DEFAULT_DATE = numpy.datetime64("1970-01-01")
CENT = Decimal("0.01")


def assess(
    facts_list: list[Facts], rules: EligibilityRules, *, trace=False, details=True
) -> list[Assessment]:
    """The rules' verdict on each family, in order: one simulation per month of application.
    Without `details`, only the outcome, the amount and the grounds (replay, what-if)."""
    results: list[Assessment | None] = [None] * len(facts_list)
    by_month = defaultdict(list)
    for index, facts in enumerate(facts_list):
        by_month[facts.application_date.strftime("%Y-%m")].append(index)
    for month, indexes in by_month.items():
        missing = missing_at(rules.parameters, f"{month}-01")
        if missing:
            raise ParametersMissing(f"no value in force in {month} for: {', '.join(missing)}")
        group = [facts_list[i] for i in indexes]
        for index, assessment in zip(
            indexes, _assess_month(group, rules, month, trace, details), strict=True
        ):
            results[index] = assessment
    return results


def _assess_month(group, rules, month: str, trace: bool, details: bool) -> list[Assessment]:
    simulation = _simulation(group, rules, month)
    simulation.trace = trace
    family_names = FAMILY_RESULTS if details else VERDICT
    family_values = {name: _plain(simulation.calculate(name, month)) for name in family_names}
    person_names = PERSON_RESULTS if details else []
    person_values = {name: _plain(simulation.calculate(name, month)) for name in person_names}
    flat = simulation.tracer.get_serialized_flat_trace() if trace else None
    assessments = []
    first = 0  # each family's members are consecutive persons
    for index, facts in enumerate(group):
        own = range(first, first + len(facts.persons))
        first = own.stop
        pins = [person["id"] for person in facts.persons]
        family = {name: values[index] for name, values in family_values.items()}
        persons = {
            name: dict(zip(pins, values[own.start : own.stop], strict=True))
            for name, values in person_values.items()
        }
        assessments.append(
            Assessment(
                granted=bool(family["granted"]),
                monthly_benefit=(Decimal(family["monthly_benefit"]) / 100).quantize(CENT),
                grounds=[g.code for g in GROUNDS if family[g.variable]],
                family=family,
                persons=persons,
                trace=_slice(flat, rules, index, own) if flat is not None else None,
            )
        )
    return assessments


def _simulation(group: list[Facts], rules, month: str):
    """One OpenFisca simulation of every family in `group`, their members in order."""
    person_ids, owner, roles = [], [], []
    for index, facts in enumerate(group):
        for person in facts.persons:
            person_ids.append(f"{index}:{person['id']}")
            owner.append(index)
            roles.append("applicant" if person["role"] == APPLICANT else "member")
    builder = SimulationBuilder()
    builder.create_entities(rules)
    builder.declare_person_entity("person", person_ids)
    families = builder.declare_entity("family", [str(i) for i in range(len(group))])
    builder.join_with_persons(families, [str(i) for i in owner], roles)
    simulation = builder.build(rules)

    people = [person for facts in group for person in facts.persons]
    for name in {name for person in people for name in person["inputs"]}:
        values = [person["inputs"].get(name) for person in people]
        simulation.set_input(name, month, _array(rules, name, values))
    window = twelve_months_before(period(month))
    month_index = {str(m): i for i, m in enumerate(window.get_subperiods(DateUnit.MONTH))}
    incomes: dict[str, numpy.ndarray] = {}  # variable → months × persons
    for column, person in enumerate(people):
        for name, by_month in person["months"].items():
            if name not in incomes:
                incomes[name] = numpy.zeros((len(month_index), len(people)), dtype=numpy.int64)
            for key, value in by_month.items():
                if key in month_index:  # months outside the window count for nothing
                    incomes[name][month_index[key], column] = value
    for name, matrix in incomes.items():
        for key, row in month_index.items():
            simulation.set_input(name, key, matrix[row])
    inputs = {"application_date": [f.application_date.isoformat() for f in group]}
    for name in {name for facts in group for name in facts.family}:
        inputs[name] = [facts.family.get(name) for facts in group]
    for name, values in inputs.items():
        simulation.set_input(name, month, _array(rules, name, values))
    return simulation


def _array(rules, name: str, values: list) -> numpy.ndarray:
    """Stored input values as the variable's array; a missing value takes its default."""
    variable = rules.get_variable(name, check_existence=True)
    if variable.value_type is date:
        default = variable.default_value or DEFAULT_DATE
        return numpy.array(
            [numpy.datetime64(v) if v else numpy.datetime64(default) for v in values],
            dtype="datetime64[D]",
        )
    default = variable.default_value
    return numpy.array([default if v is None else v for v in values], dtype=variable.dtype)


def _plain(values: numpy.ndarray) -> list:
    """An array of results as plain JSON values: numbers, booleans, ISO dates."""
    if values.dtype.kind == "M":
        return [str(v) for v in values.astype("datetime64[D]")]
    return values.tolist()


def _dates_as_text(value):
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _slice(flat: dict, rules, family_index: int, own_persons) -> dict:
    """One family's part of a vectorised trace: each variable's value for it (or its members)."""
    sliced = {}
    for key, node in flat.items():
        name = key.split("<", 1)[0]
        entity = rules.get_variable(name).entity.key
        values = node.get("value")
        if values is None:
            mine = None
        elif entity == "person":
            mine = [values[i] for i in own_persons]
        else:
            mine = values[family_index]
        sliced[key] = {
            "value": _dates_as_text(mine),
            "dependencies": node.get("dependencies", []),
            "parameters": node.get("parameters", {}),
        }
    return sliced
