import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every decision names its rule set and keeps its facts (0005 withdrew the provisional
    decisions that had neither)."""

    dependencies = [("casework", "0005_eligibility_rules")]

    operations = [
        migrations.AlterField(
            model_name="decision",
            name="rule_set",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="casework.eligibilityruleset",
                verbose_name="rule set",
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="facts",
            field=models.JSONField(verbose_name="facts the rules were given"),
        ),
    ]
