"""Submission actions: what happens to a submission inside the submit transaction.

Like Plone EasyForm's action adapters, other apps register their own (casework registers
"open a case"); forms_app never imports them. Each DeclarationForm lists the actions it runs.
An action that raises rolls the whole submission back, so a submission never exists without
what its actions promised.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
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


def get_submission_action(name: str) -> SubmissionAction | None:
    return _actions.get(name)


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
    recipients = [
        address.strip()
        for address in submission.form_version.form.copy_to_emails.split(",")
        if address.strip()
    ]
    if not recipients:
        return
    lines = [f"{key}: {value}" for key, value in sorted(submission.answers.items())]
    # After commit: a mail server that is down must not lose the submission.
    transaction.on_commit(
        lambda: send_mail(
            subject=f"{submission.reference}: {submission.service.title}",
            message="\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
            fail_silently=True,
        )
    )


def register_builtin_actions():
    register_submission_action("store", _("Store the submission"))(_store)
    register_submission_action("email_copy", _("Email a copy"))(_email_copy)
