from django.core.management.base import BaseCommand, CommandError

from casework.audit import verify_audit_chain
from casework.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit trail: every event's hash, its chain, and the chain's recorded head."

    def handle(self, *args, **options):
        broken = verify_audit_chain()
        if broken:
            where = f" at event {broken.event.pk} ({broken.event.action})" if broken.event else ""
            raise CommandError(f"The audit trail does not hold{where}: {broken.reason}")
        self.stdout.write(f"The audit trail holds: {AuditEvent.objects.count()} events.")
