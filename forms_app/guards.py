"""Submission guards: what another app checks before a declaration is accepted, inside the submit
transaction and before anything is written (casework refuses a second application while the
applicant's first is open). forms_app never imports them; it only knows that a guard may refuse.

A guard names a lock key for the declaration (e.g. the applicant's FİN): submissions with the
same key are checked one after another, each seeing what the one before it committed, so two
first applications sent at the same moment can't both pass. The lock is a row per key
(`SubmissionLock`), held until the submit transaction ends: the same on PostgreSQL (a row lock)
and SQLite (whose IMMEDIATE transactions already write one at a time).
"""

from collections.abc import Callable
from dataclasses import dataclass


class SubmissionRefused(Exception):
    """A guard refused the declaration; `message` says why to the person, `reference` names the
    application in the way, if there is one."""

    def __init__(self, message, *, reference: str = ""):
        super().__init__(message)
        self.message = message
        self.reference = reference


@dataclass(frozen=True)
class SubmissionGuard:
    name: str
    lock_key: Callable  # lock_key(service, answers) -> str or None (nothing to lock)
    check: Callable  # check(service, answers) -> None, raises SubmissionRefused


_guards: dict[str, SubmissionGuard] = {}


def register_submission_guard(name: str, *, lock_key: Callable):
    """Decorator: `@register_submission_guard("one_open_application", lock_key=applicant_pin)`
    on `check(service, cleaned answers)`."""

    def decorator(func):
        _guards[name] = SubmissionGuard(name=name, lock_key=lock_key, check=func)
        return func

    return decorator


def unregister_submission_guard(name: str):
    _guards.pop(name, None)


def lock_keys(service, answers) -> list[str]:
    """Every guard's lock key for this declaration, in one order (no two submits wait for each
    other's locks crosswise)."""
    keys = {guard.lock_key(service, answers) for guard in _guards.values()}
    return sorted(f"{service.translation_key}:{key}" for key in keys if key)


def check_submission(service, answers):
    """Run every guard; the first refusal is raised."""
    for guard in _guards.values():
        guard.check(service, answers)
