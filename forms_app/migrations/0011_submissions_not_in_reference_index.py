"""Submissions leave Wagtail's reference index (models.Submission.wagtail_reference_index_ignore):
their rows there go too, and so do those of casework's cases."""

from django.db import migrations


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    types = ContentType.objects.filter(
        app_label__in=["forms_app", "casework"], model__in=["submission", "case"]
    )
    ReferenceIndex.objects.filter(content_type__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forms_app", "0010_issued_documents"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0078_referenceindex"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop, elidable=True)]
