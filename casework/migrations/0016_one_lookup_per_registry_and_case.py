"""A registry look-up covers a family: one row per registry and case with each person's part of
the answer, instead of one row per registry and person (a quarter of the rows and of their
index entries). Rows stored before keep what they said, as look-ups of one person each."""

from django.db import migrations, models


def to_answers(apps, schema_editor):
    RegistryLookup = apps.get_model("casework", "RegistryLookup")
    rows = RegistryLookup.objects.order_by("pk")
    changed = []
    for lookup in rows.iterator(chunk_size=2000):
        request = {key: value for key, value in lookup.request.items() if key != "pin"}
        lookup.request = request
        lookup.pins = [lookup.pin]
        lookup.answers = {
            lookup.pin: {
                "outcome": lookup.outcome,
                "status": lookup.response_status,
                "body": lookup.response,
            }
        }
        changed.append(lookup)
        if len(changed) == 2000:
            RegistryLookup.objects.bulk_update(changed, ["request", "pins", "answers"])
            changed = []
    RegistryLookup.objects.bulk_update(changed, ["request", "pins", "answers"])


def to_rows_per_person(apps, schema_editor):
    RegistryLookup = apps.get_model("casework", "RegistryLookup")
    for lookup in RegistryLookup.objects.order_by("pk").iterator(chunk_size=2000):
        for number, pin in enumerate(lookup.pins):
            answer = lookup.answers[pin]
            row = lookup if number == 0 else RegistryLookup(
                case_id=lookup.case_id,
                registry=lookup.registry,
                outcome=lookup.outcome,
                attempts=lookup.attempts,
                latency_ms=lookup.latency_ms,
                requested_at=lookup.requested_at,
            )
            row.pin = pin
            row.request = {**answer.get("request", lookup.request), "pin": pin}
            row.response_status = answer["status"]
            row.response = answer["body"]
            row.outcome = answer["outcome"]
            row.save()


class Migration(migrations.Migration):
    dependencies = [("casework", "0015_listing_indexes")]

    operations = [
        migrations.AddField(
            model_name="registrylookup",
            name="pins",
            field=models.JSONField(default=list, verbose_name="FİNs"),
        ),
        migrations.AddField(
            model_name="registrylookup",
            name="answers",
            field=models.JSONField(default=dict, verbose_name="answers"),
        ),
        migrations.AlterField(
            model_name="registrylookup",
            name="pin",
            field=models.CharField(max_length=7, blank=True, default="", verbose_name="FİN"),
        ),
        migrations.RunPython(to_answers, to_rows_per_person),
        migrations.RemoveField(model_name="registrylookup", name="pin"),
        migrations.RemoveField(model_name="registrylookup", name="response"),
        migrations.RemoveField(model_name="registrylookup", name="response_status"),
        # The (registry, requested_at) index serves what a registry's own index did.
        migrations.AlterField(
            model_name="registrylookup",
            name="registry",
            field=models.CharField(max_length=32, verbose_name="registry"),
        ),
    ]
