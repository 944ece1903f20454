from .models import Case

# Statuses the pipeline moves on by itself; FLAGGED waits for a person, DECIDED/CLOSED are done.
AUTOMATIC_STATUSES = [Case.Status.RECEIVED, Case.Status.ENRICHED]


def stuck_case_ids(*, older_than):
    return Case.objects.filter(
        status__in=AUTOMATIC_STATUSES, status_changed_at__lt=older_than
    ).values_list("pk", flat=True)
