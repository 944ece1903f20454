"""Submission actions: what happens to a submission inside the submit transaction.

Like Plone EasyForm's action adapters, other apps register their own (casework registers
"open a case"); forms_app never imports them. An action that raises rolls the submission back,
so a submission never exists without what its actions promised.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SubmissionAction:
    name: str
    label: str
    run: Callable  # run(submission) -> None, called inside the submit transaction


_actions: dict[str, SubmissionAction] = {}


def register_submission_action(name: str, label):
    """Decorator: `@register_submission_action("open_case", _("Open a case"))`."""

    def decorator(func):
        _actions[name] = SubmissionAction(name=name, label=label, run=func)
        return func

    return decorator


def get_submission_actions() -> list[SubmissionAction]:
    return list(_actions.values())


def register_builtin_actions():
    # Storing is the Submission row itself; the action exists so editors see it listed.
    register_submission_action("store", _("Store the submission"))(lambda submission: None)
