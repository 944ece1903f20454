"""Submission actions: what happens to a submission inside the submit transaction.

Like Plone EasyForm's action adapters, other apps register their own (casework registers
"open a case"); forms_app never imports them. Each DeclarationForm lists the actions it runs.
An action that raises rolls the whole submission back, so a submission never exists without
what its actions promised.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task


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


def action_choices():
    return [(a.name, a.label) for a in _actions.values()]


def run_submission_actions(submission, names):
    for name in names:
        action = _actions.get(name)
        if action is None:
            # A form may name an action of an app that was removed; storing still happened.
            continue
        action.run(submission)


def _store(submission):
    """The Submission row is the store; listed so editors see it among the actions."""


def _email_copy(submission):
    if submission.form_version.form.copy_to_emails.strip():
        # Through the task queue once committed: a slow or broken mail server never holds up,
        # or loses, a submission. A broker failure then is logged (robust): the submission
        # stands.
        transaction.on_commit(
            lambda: async_task(
                "forms_app.tasks.send_submission_copy", submission.pk, group="forms_app"
            ),
            robust=True,
        )


def register_builtin_actions():
    register_submission_action("store", _("Store the submission"))(_store)
    register_submission_action("email_copy", _("Email a copy"))(_email_copy)
