"""What every environment needs in its database, created after every migrate: the periodic q2
jobs (corrected each time) and the registry catalogue (created once, then edited by admins)."""

from django.conf import settings


def ensure_schedules(**kwargs):
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name="casework: re-enqueue stuck cases",
        defaults={
            "func": "casework.tasks.sweep_stuck_cases",
            "schedule_type": Schedule.MINUTES,
            "minutes": settings.CASEWORK["SWEEP_EVERY_MINUTES"],
            "repeats": -1,
        },
    )


def ensure_registry_catalogue(**kwargs):
    """The known registries, pointed at settings.CASEWORK["REGISTRY_GATEWAY_URL"]; those that
    already exist keep what administrators set."""
    from .registries.catalogue import install_catalogue

    install_catalogue()
