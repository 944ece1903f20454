"""casework's models, one module per concern."""

from .audit import AuditChainHead, AuditEvent
from .calendar import CalendarDay
from .cases import Case, CaseFlag, CaseMember
from .decisions import Decision
from .desk import DeadlineAlert, DocumentRequest, Resolution
from .notices import Notice
from .queue import PendingBatch, WorkerHeartbeat
from .registries import LookupOutcome, RegistryLookup, RegistrySource
from .rules import EligibilityRuleSet, RuleParameters, RuleParametersVersion

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "CalendarDay",
    "Case",
    "CaseFlag",
    "CaseMember",
    "DeadlineAlert",
    "Decision",
    "DocumentRequest",
    "EligibilityRuleSet",
    "LookupOutcome",
    "Notice",
    "PendingBatch",
    "RegistryLookup",
    "RegistrySource",
    "Resolution",
    "RuleParameters",
    "RuleParametersVersion",
    "WorkerHeartbeat",
]
