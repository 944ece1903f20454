"""Read-only figures about the applications for the public statistics page and the admin's
dashboard: how many arrived per day and channel, and how many were decided, granted, refused
or are waiting for a caseworker. Queries only; callers cache the results."""

import datetime

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import Case, Decision

# Cases a decision has been made on (the case moves on to be closed after it).
DECIDED_STATUSES = (Case.Status.DECIDED, Case.Status.CLOSED)


def applications_per_day(since: datetime.date) -> dict[datetime.date, dict[str, int]]:
    """{day: {channel: applications received that day}} from `since` (local days), days
    without applications left out."""
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    rows = (
        Case.objects.filter(received_at__gte=start)
        .annotate(day=TruncDate("received_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "submission__channel")
        .annotate(count=Count("pk"))
        .order_by("day")
    )
    days: dict[datetime.date, dict[str, int]] = {}
    for row in rows:
        days.setdefault(row["day"], {})[row["submission__channel"]] = row["count"]
    return days


def applications_per_channel() -> dict[str, int]:
    """{channel: applications received} since the first one."""
    rows = Case.objects.values("submission__channel").annotate(count=Count("pk"))
    return {row["submission__channel"]: row["count"] for row in rows}


def first_received_at() -> datetime.datetime | None:
    return Case.objects.order_by("received_at").values_list("received_at", flat=True).first()


def outcome_totals() -> dict[str, int]:
    """How many cases were received, decided (granted, refused, or another outcome; and how
    many on time), and how many wait for a caseworker now (flagged)."""
    cases = Case.objects.aggregate(
        received=Count("pk"),
        flagged=Count("pk", filter=Q(status=Case.Status.FLAGGED)),
    )
    decisions = Decision.objects.aggregate(
        decided=Count("pk"),
        # On or before the case's due date: the promise of 15 working days kept.
        decided_in_time=Count("pk", filter=Q(decided_at__date__lte=F("case__due_date"))),
        granted=Count("pk", filter=Q(outcome=Decision.Outcome.GRANTED)),
        refused=Count("pk", filter=Q(outcome=Decision.Outcome.REFUSED)),
    )
    return {**cases, **decisions}
