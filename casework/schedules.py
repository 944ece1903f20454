"""The periodic q2 jobs, created (or corrected) after every migrate."""

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
