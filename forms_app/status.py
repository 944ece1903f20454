"""What the status page says about a submission. forms_app only knows that a submission was
received; an app that processes submissions (casework) registers a provider that knows more."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SubmissionStatus:
    label: str
    detail: str = ""
    final: bool = False


_provider: Callable | None = None


def register_status_provider(func: Callable):
    """`func(submission) -> SubmissionStatus | None`; the latest registration wins."""
    global _provider
    _provider = func
    return func


def status_of(submission) -> SubmissionStatus:
    status = _provider(submission) if _provider else None
    return status or SubmissionStatus(label=_("Received"))
