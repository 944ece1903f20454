from django.core.management.base import BaseCommand, CommandError

from casework.models import RuleParameters
from casework.simulations import what_if


class Command(BaseCommand):
    help = (
        "Simulate the rule parameters' latest draft (or a published version) on every decided "
        "case: how many outcomes change, the money, the largest changes. Changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--parameters", type=int, help="the rule parameters' id (if several)")
        parser.add_argument("--published", type=int, help="a published version's number instead")

    def handle(self, *args, parameters=None, published=None, **options):
        snippets = RuleParameters.objects.all()
        snippet = snippets.filter(pk=parameters).first() if parameters else snippets.first()
        if snippet is None or (parameters is None and snippets.count() > 1):
            raise CommandError("Name the rule parameters with --parameters ID.")
        if published:
            version = snippet.versions.filter(number=published).first()
            if version is None:
                raise CommandError(f"There is no published version {published}.")
            values, what = version.values, f"version {published}"
        else:
            values, what = snippet.get_latest_revision_as_object().parameter_values(), "draft"
        report = what_if(values)
        self.stdout.write(f"{snippet.title}, {what}: {report.cases} decided cases simulated")
        self.stdout.write(
            f"  granted → refused: {report.granted_to_refused}; refused → granted: "
            f"{report.refused_to_granted}; amount changed: {report.amount_changed}"
        )
        self.stdout.write(
            f"  monthly: {report.monthly_before} → {report.monthly_after} AZN "
            f"({report.monthly_change:+} AZN a month, {report.yearly_change:+} AZN a year)"
        )
        for change in report.largest:
            self.stdout.write(
                f"  {change.reference}: {change.before[0]} {change.before[1] or ''} → "
                f"{change.after[0]} {change.after[1] or ''} ({change.monthly_change:+} AZN)"
            )
        if report.not_simulated:
            self.stdout.write(
                f"  not simulated (no parameters for their date): {len(report.not_simulated)}"
            )
        self.stdout.write(f"  in {report.seconds:.1f} s")
