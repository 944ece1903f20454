"""State changes of cases, one transaction each, each with its audit event: opening and moving a
case (cases.py), enrichment from the registries (enrichment.py), decisions by the rules
(decisions.py), the letter, the notices and closing (issuing.py), the caseworker's desk (desk.py),
and the rules in force (rules.py)."""

from .cases import TransitionNotAllowed, open_case, take_received_cases, transition
from .decisions import decide_case, decide_cases
from .enrichment import enrich_case, enrich_cases
from .issuing import close_cases, issue_letters, send_notices
from .rules import freeze_rule_parameters

__all__ = [
    "TransitionNotAllowed",
    "close_cases",
    "decide_case",
    "decide_cases",
    "enrich_case",
    "enrich_cases",
    "freeze_rule_parameters",
    "issue_letters",
    "open_case",
    "send_notices",
    "take_received_cases",
    "transition",
]
