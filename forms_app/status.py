"""What the status page (and the API's status endpoint) says about a submission. forms_app only
knows that a submission was received; an app that processes submissions (casework) registers a
provider that knows more: where the case is, and its decision."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DecisionSummary:
    outcome: str  # "granted" or "refused"
    label: str
    monthly_amount: Decimal | None = None
    period_start: date | None = None
    period_end: date | None = None
    grounds: list[tuple[str, str]] = field(default_factory=list)  # (code, text)
    explanation: list[str] = field(default_factory=list)
    rule_set_version: str = ""
    automatic: bool = True  # the rules decided alone, without a caseworker


@dataclass(frozen=True)
class SubmissionStatus:
    label: str
    detail: str = ""
    final: bool = False
    code: str = "received"
    decision: DecisionSummary | None = None
    due_date: date | None = None
    letter_url: str | None = None  # a path on this site, opening the letter for a while
    notice: str = ""  # how the applicant was told, and whether it arrived


_provider: Callable | None = None


def register_status_provider(func: Callable):
    """`func(submission, language) -> SubmissionStatus | None`; the latest registration wins."""
    global _provider
    _provider = func
    return func


def status_of(submission, language: str) -> SubmissionStatus:
    status = _provider(submission, language) if _provider else None
    return status or SubmissionStatus(label=_("Received"))
