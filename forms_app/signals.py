def freeze_published_form(sender, instance, revision=None, **kwargs):
    """Publishing a declaration form freezes it as a new version."""
    from .services import freeze_version

    freeze_version(instance, revision=revision, user=revision.user if revision else None)


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
