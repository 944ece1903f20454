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
    for name, func in (
        ("casework: retry cases waiting for a registry", "casework.tasks.retry_waiting_cases"),
        ("casework: send due notices", "casework.tasks.send_due_notices"),
        ("casework: SMS delivery reports", "casework.tasks.check_deliveries"),
        # The task queue's pulse: /healthz/worker and the admin's dashboard read it.
        ("casework: heartbeat", "casework.tasks.heartbeat"),
    ):
        Schedule.objects.update_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": Schedule.MINUTES,
                "minutes": 1,
                "repeats": -1,
            },
        )
    Schedule.objects.update_or_create(
        name="casework: alert deadlines",
        defaults={
            "func": "casework.tasks.alert_deadlines",
            "schedule_type": Schedule.HOURLY,
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name="casework: verify the audit trail",
        defaults={
            "func": "casework.tasks.verify_audit",
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
        },
    )
    # Batch mode no longer needs a schedule of its own: each case's task takes others along.
    Schedule.objects.filter(name="casework: process received cases in batches").delete()


def ensure_registry_catalogue(**kwargs):
    """The known registries, pointed at settings.CASEWORK["REGISTRY_GATEWAY_URL"]; those that
    already exist keep what administrators set."""
    from .registries.catalogue import install_catalogue

    install_catalogue()
