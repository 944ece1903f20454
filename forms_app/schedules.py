"""The periodic q2 jobs forms_app needs, created (or corrected) after every migrate."""


def ensure_schedules(**kwargs):
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name="forms_app: purge expired drafts",
        defaults={
            "func": "forms_app.tasks.purge_expired_drafts",
            "schedule_type": Schedule.HOURLY,
            "repeats": -1,
        },
    )
