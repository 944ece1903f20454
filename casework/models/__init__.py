"""casework's models, one module per concern."""

from .audit import AuditChainHead, AuditEvent
from .cases import Case, CaseMember
from .decisions import Decision
from .registries import LookupOutcome, RegistryLookup, RegistrySource
from .rules import EligibilityRuleSet, RuleParameters, RuleParametersVersion

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "Case",
    "CaseMember",
    "Decision",
    "EligibilityRuleSet",
    "LookupOutcome",
    "RegistryLookup",
    "RegistrySource",
    "RuleParameters",
    "RuleParametersVersion",
]
