"""forms_app's signal handlers (connected in apps.py)."""

from .services import freeze_version


def freeze_published_form(sender, instance, revision=None, **kwargs):
    """Publishing a declaration form freezes it as a new version."""
    freeze_version(instance, revision=revision, user=revision.user if revision else None)
