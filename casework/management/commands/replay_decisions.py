from django.core.management.base import BaseCommand, CommandError

from casework.simulations import replay_decisions


class Command(BaseCommand):
    help = (
        "Recompute every stored decision from its stored facts with its own rule-set version and "
        "list any difference; exits non-zero if one differs."
    )

    def handle(self, *args, **options):
        report = replay_decisions()
        for difference in report.differences:
            note = " (the formulas changed since)" if difference.formulas_changed else ""
            self.stdout.write(
                f"{difference.reference}: stored {_show(difference.stored)}, "
                f"recomputed {_show(difference.recomputed)}{note}"
            )
        self.stdout.write(
            f"{report.decisions} decisions replayed in {report.seconds:.1f} s; "
            f"{len(report.differences)} differ."
        )
        if report.differences:
            raise CommandError(f"{len(report.differences)} decisions differ")


def _show(result) -> str:
    outcome, amount, grounds = result
    if outcome == "granted":
        return f"granted {amount} AZN"
    return f"refused ({', '.join(grounds)})"
