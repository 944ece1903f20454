"""The rules' parameters as OpenFisca reads them, built from a published parameters version (the
data editors maintain in the admin, never code). A version stores its tree in OpenFisca's own
shape: `{"need_criterion": {"description", "metadata", "values": {"2026-01-01": 300, …}}, …}`.
"""

from openfisca_core.parameters import ParameterNode

LAW = "Law on targeted state social assistance (2005)"
DECISION_37 = "Cabinet of Ministers decision No. 37 (2016)"
BUDGET = "The yearly State Budget law"
SUBSISTENCE = "Law on the subsistence minimum; the yearly State Budget law"

# name → (description, unit, legal reference). Names with a dot are a node's children.
PARAMETERS = {
    "need_criterion": ("Need criterion a person a month", "AZN", BUDGET),
    "subsistence_minimum.country_wide": (
        "Subsistence minimum, country-wide",
        "AZN",
        SUBSISTENCE,
    ),
    "subsistence_minimum.working_age": ("Subsistence minimum, working age", "AZN", SUBSISTENCE),
    "subsistence_minimum.pensioners": ("Subsistence minimum, pensioners", "AZN", SUBSISTENCE),
    # Not "children": an OpenFisca node keeps its own children under that attribute.
    "subsistence_minimum.child": ("Subsistence minimum, children", "AZN", SUBSISTENCE),
    "utility_costs_share": (
        "Utility and communication costs a person a month that refuse, as a share of the "
        "subsistence minimum",
        "share",
        DECISION_37,
    ),
    "deals_limit_in_subsistence_minimums": (
        "Purchases and sales in 12 months above this many subsistence minimums refuse",
        "months",
        DECISION_37,
    ),
    "working_age.minimum": ("Working age from", "years", LAW),
    "working_age.maximum": ("Working age up to and including", "years", LAW),
    "student_age_limit": ("Full-time study is a valid reason up to this age", "years", LAW),
    "child_care_age": ("Caring for a child under this age is a valid reason", "years", LAW),
    "refused_job_offers_limit": ("Suitable job offers refused that refuse", "offers", LAW),
    "assignment_months": ("Months assistance is assigned for", "months", LAW),
    "false_information_bar_months": (
        "Months a refusal for false information bars a new application",
        "months",
        LAW,
    ),
    "undeclared_income_tolerance": (
        "Registry income above the declared by more than this a month (12 months' average) is "
        "undeclared",
        "AZN",
        DECISION_37,
    ),
}


def parameter_tree(values: dict[str, dict[str, float | None]]) -> dict:
    """The OpenFisca tree of `{name: {"YYYY-MM-DD": value}}`, each leaf described. A value of
    None marks a period whose figure is not known: the engine refuses to decide then, rather
    than carry the year before's figure into it."""
    tree: dict = {}
    for name, (description, unit, reference) in PARAMETERS.items():
        node = tree
        *parents, leaf = name.split(".")
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = {
            "description": description,
            "metadata": {"unit": unit, "reference": reference},
            "values": {
                day: {"value": value} for day, value in sorted(values.get(name, {}).items())
            },
        }
    return tree


def build_parameters(tree: dict) -> ParameterNode:
    return ParameterNode("", data=tree)


# Kept with the law's figures, but no formula reads them (yet): an unknown one stops nothing.
NOT_READ = {
    "subsistence_minimum.working_age",
    "subsistence_minimum.pensioners",
    "subsistence_minimum.child",
}


def missing_at(parameters: ParameterNode, day) -> list[str]:
    """The parameters the formulas read that have no known value on `day`."""
    at = parameters(day)
    missing = []
    for name in PARAMETERS.keys() - NOT_READ:
        value = at
        for part in name.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value is None:
            missing.append(name)
    return missing
