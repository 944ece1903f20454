from django.db import migrations, models


def count_existing_cases_as_enqueued(apps, schema_editor):
    """Cases opened before the field existed were enqueued at their last change (or are stuck,
    which the sweeper's other rule sees): none is enqueued again because of the new column."""
    Case = apps.get_model("casework", "Case")
    Case.objects.filter(enqueued_at__isnull=True).update(enqueued_at=models.F("status_changed_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0012_cases_taken_into_a_batch"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="enqueued_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="task queued at"),
        ),
        migrations.RunPython(count_existing_cases_as_enqueued, migrations.RunPython.noop),
    ]
