"""The rules in force: freezing a published parameters version, and the rule set (a version with
the formulas' hash) a decision is taken with."""

from django.db import transaction

from ..models import EligibilityRuleSet, RuleParameters, RuleParametersVersion
from ..rules.parameters import parameter_tree
from ..rules.system import EligibilityRules, formulas_hash


def freeze_rule_parameters(
    parameters: RuleParameters, *, revision=None, user=None
) -> RuleParametersVersion:
    """Freeze the published parameters as a new version, unless the latest has the same content
    (a publish that changed only the title or the notes)."""
    values = parameters.parameter_values()
    content_hash = RuleParametersVersion.hash_values(values, parameters.effective_from)
    with transaction.atomic():
        # Lock the snippet's row so two publishes can't take the same number.
        RuleParameters.objects.select_for_update().filter(pk=parameters.pk).first()
        latest = parameters.versions.order_by("-number").first()
        if latest and latest.content_hash == content_hash:
            return latest
        return RuleParametersVersion.objects.create(
            parameters=parameters,
            number=(latest.number + 1) if latest else 1,
            effective_from=parameters.effective_from,
            values=values,
            content_hash=content_hash,
            revision=revision,
            published_by=user,
        )


def rule_set_for(version: RuleParametersVersion) -> EligibilityRuleSet:
    """The rule set of this parameters version and today's formulas (made once, then reused)."""
    rule_set, _created = EligibilityRuleSet.objects.get_or_create(
        parameters_version=version, formulas_hash=formulas_hash()
    )
    return rule_set


# Building a system costs tens of milliseconds: one per set of values, kept for the process.
_systems: dict[str, EligibilityRules] = {}


def rules_of(values: dict) -> EligibilityRules:
    """The OpenFisca system for a parameters version's (or a draft's) values."""
    key = RuleParametersVersion.hash_values(values, "")
    if key not in _systems:
        if len(_systems) >= 32:
            _systems.clear()
        _systems[key] = EligibilityRules(parameter_tree(values))
    return _systems[key]
