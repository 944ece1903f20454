import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Case

# Statuses the pipeline moves on by itself; WAITING has its own retries (pipeline.py), FLAGGED
# waits for a person, CLOSED is done.
AUTOMATIC_STATUSES = [Case.Status.RECEIVED, Case.Status.ENRICHED, Case.Status.DECIDED]


def enrichable_cases(case_ids, *, now):
    """Of these cases, those enrichment takes on: received ones, and waiting ones whose next try
    is due."""
    return Case.objects.filter(
        Q(status=Case.Status.RECEIVED) | Q(status=Case.Status.WAITING, registry_retry_at__lte=now),
        pk__in=case_ids,
    ).select_related("submission")


def free_received_cases(now):
    """The received cases no worker has taken (or whose worker's time ran out)."""
    free = Q(taken_until__isnull=True) | Q(taken_until__lt=now)
    return Case.objects.filter(free, status=Case.Status.RECEIVED)


def oldest_free_received(*, at_most: int):
    """When the oldest received case no worker has taken came in, and how many such cases wait
    (counted up to `at_most`): (None, 0) when none does."""
    free = free_received_cases(timezone.now())
    oldest = free.order_by("received_at").values_list("received_at", flat=True).first()
    return oldest, (free[:at_most].count() if oldest else 0)


def waiting_case_ids_due(*, now, limit: int):
    """The cases waiting for a registry whose next try is due, the longest-waiting first."""
    return (
        Case.objects.filter(status=Case.Status.WAITING, registry_retry_at__lte=now)
        .order_by("registry_retry_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def search_cases(cases, typed: str):
    """Cases whose reference starts with what was typed (a whole reference or its beginning),
    or, when it is a FİN, the cases that declare that person: both by index, whatever the
    number of cases."""
    from forms_app.selectors import normalise_reference, reference_matches
    from forms_app.validators import PIN_PATTERN

    from .models import CaseMember

    match = reference_matches(typed)
    typed = normalise_reference(typed)
    if re.fullmatch(PIN_PATTERN, typed):
        declaring = CaseMember.objects.filter(pin=typed).values_list("case_id", flat=True)
        match |= Q(pk__in=list(declaring[:MAX_CASES_OF_ONE_PERSON]))
    return cases.filter(match)


# More than anyone's lifetime of applications: a bound on the ids a FİN search carries along.
MAX_CASES_OF_ONE_PERSON = 1000


def districts() -> list[str]:
    """The districts cases are in, for the queue's filter. On PostgreSQL by skipping through the
    district index (one probe per district, not a scan of every case)."""
    if connection.vendor != "postgresql":
        return list(
            Case.objects.exclude(district="")
            .values_list("district", flat=True)
            .distinct()
            .order_by("district")
        )
    table = connection.ops.quote_name(Case._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE d(district) AS (
                    (SELECT district FROM {table} WHERE district > '' ORDER BY district LIMIT 1)
                    UNION ALL
                    SELECT (SELECT c.district FROM {table} c WHERE c.district > d.district
                            ORDER BY c.district LIMIT 1)
                    FROM d WHERE d.district IS NOT NULL)
                SELECT district FROM d WHERE district IS NOT NULL"""  # noqa: S608
        )
        return [row[0] for row in cursor.fetchall()]


def waiting_cases(*, limit: int = 50):
    """For supervisors: the cases waiting for a registry, and the count."""
    waiting = Case.objects.filter(status=Case.Status.WAITING)
    return waiting.order_by("status_changed_at")[:limit], waiting.count()


def unqueued_case_ids(*, older_than) -> list[int]:
    """Cases whose task never reached the queue, in their status since before `older_than`."""
    return list(
        Case.objects.filter(
            status__in=AUTOMATIC_STATUSES,
            enqueued_at__isnull=True,
            status_changed_at__lt=older_than,
        ).values_list("pk", flat=True)
    )


def stuck_case_ids(*, older_than) -> list[int]:
    """Cases idle since before `older_than`: neither moved on nor enqueued since."""
    return list(
        Case.objects.filter(
            status__in=AUTOMATIC_STATUSES,
            status_changed_at__lt=older_than,
            enqueued_at__lt=older_than,
        ).values_list("pk", flat=True)
    )


def _percentile(sorted_values: list[int], share: float) -> int | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def registry_health(*, since):
    """Per registry: circuit state, calls, error rate and latency p50/p95 since `since`."""
    from .models import LookupOutcome, RegistryLookup, RegistrySource
    from .registries import breaker

    reached = {LookupOutcome.FOUND, LookupOutcome.NOT_FOUND}
    calls = {}
    for code, outcome, latency in RegistryLookup.objects.filter(
        requested_at__gte=since
    ).values_list("registry", "outcome", "latency_ms"):
        calls.setdefault(code, []).append((outcome, latency))
    rows = []
    for source in RegistrySource.objects.all():
        own = calls.get(source.code, [])
        # Calls skipped by an open circuit say nothing about latency.
        latencies = sorted(lat for outcome, lat in own if outcome != "circuit_open")
        failed = sum(1 for outcome, _lat in own if outcome not in reached)
        rows.append(
            {
                "source": source,
                "circuit": breaker.state(source),
                "calls": len(own),
                "error_rate": failed / len(own) if own else None,
                "p50_ms": _percentile(latencies, 0.50),
                "p95_ms": _percentile(latencies, 0.95),
            }
        )
    return rows


def parameters_version_in_force(day):
    """The published rule parameters for applications made on `day`: the newest version whose
    effective date has come."""
    from .models import RuleParametersVersion

    return (
        RuleParametersVersion.objects.filter(effective_from__lte=day)
        .order_by("-effective_from", "-number")
        .first()
    )


def refusals_for_false_information(pins) -> dict[str, date]:
    """The day this system last refused an application declaring each of these people for false
    information (the registries' assistance history knows the ministry's older ones): {PIN: day},
    for a batch's people in one query."""
    from .models import CaseMember, Decision

    refused = CaseMember.objects.filter(
        pin__in=list(pins),
        case__decision__outcome=Decision.Outcome.REFUSED,
    ).values_list("pin", "case__decision__grounds", "case__decision__decided_at")
    days: dict[str, date] = {}
    for pin, grounds, at in refused:
        if "false_information" in grounds:
            days[pin] = max(days.get(pin, date.min), timezone.localdate(at))
    return days


def undeclared_income_tolerance(day) -> Decimal | None:
    """The rule parameters' tolerance (AZN a month) for applications made on `day`."""
    version = parameters_version_in_force(day)
    if version is None:
        return None
    (value,) = version.values["undeclared_income_tolerance"].values()
    return Decimal(str(value))


def open_applications_declaring(pins, *, besides, among=None) -> dict[str, list[str]]:
    """This system's other applications, not decided yet, that declare one of these people:
    {PIN: [reference, …]}. `among`: what `open_applications_of` gave for a batch's people."""
    among = open_applications_of(pins) if among is None else among
    return {
        pin: references
        for pin in pins
        if (references := [ref for case_id, ref in among.get(pin, []) if case_id != besides])
    }


def open_applications_of(pins) -> dict[str, list[tuple[int, str]]]:
    """The applications not decided yet that declare one of these people (a batch's people, in
    one query): {PIN: [(case id, reference), …]}."""
    from .models import CaseMember

    found: dict[str, list[tuple[int, str]]] = {}
    rows = (
        CaseMember.objects.filter(pin__in=list(pins))
        .exclude(case__status__in=Case.FINAL_STATUSES)
        .values_list("pin", "case_id", "case__reference")
        .order_by("case__reference")
    )
    for pin, case_id, reference in rows:
        found.setdefault(pin, []).append((case_id, reference))
    return found


SLA_BOARD_DAYS = 30  # the board's recent days: its chart and its share decided in time


def _cases_by_status() -> dict[str, int | str]:
    """Cases in each status. Past the admin's exact-count limit, the closed ones (nearly all of
    millions) are PostgreSQL's estimate less the others, each of which is counted by the status
    index, shown as "about N"."""
    from forms_app.listing import estimated_rows

    total = estimated_rows(Case)
    if total is None or total <= settings.ADMIN_LISTINGS["EXACT_COUNT_UP_TO"]:
        return dict(Case.objects.values_list("status").annotate(n=Count("pk")))
    others = [value for value in Case.Status.values if value != Case.Status.CLOSED]
    counts = dict(
        Case.objects.filter(status__in=others).values_list("status").annotate(n=Count("pk"))
    )
    closed = max(total - sum(counts.values()), 0)
    counts[Case.Status.CLOSED] = _("about %(count)s") % {"count": f"{closed:,}"}
    return counts


def sla_figures(today: date) -> dict:
    """The Supervisors' board: cases by status and by days left, the share decided within the
    deadline, the overdue, each caseworker's load, and arrivals and decisions a day."""
    from .calendar import add_working_days
    from .models import Notice

    by_status = _cases_by_status()
    open_cases = Case.objects.exclude(status__in=Case.FINAL_STATUSES)
    soon, later = add_working_days(today, 3), add_working_days(today, 7)
    days_left = open_cases.aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        within_3=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
        within_7=Count("pk", filter=Q(due_date__gt=soon, due_date__lte=later)),
        later=Count("pk", filter=Q(due_date__gt=later)),
    )
    days = recent_days(today)
    decided = sum(day.decisions for day in days)
    in_time = sum(day.in_time for day in days)
    return {
        "by_status": [(label, by_status.get(value, 0)) for value, label in Case.Status.choices],
        "days_left": days_left,
        "decided": decided,
        "decided_in_time": in_time,
        "in_time_share": in_time / decided if decided else None,
        "overdue": open_cases.filter(due_date__lt=today)
        .select_related("holder")
        .order_by("due_date")[:50],
        "load": _caseworkers_load(today, days),
        "daily": [(day.day, day.arrivals, day.decisions) for day in days],
        "failed_notices": Notice.objects.filter(status=Notice.Status.FAILED)
        .select_related("case")
        .order_by("-created_at")[:50],
    }


def _caseworkers_load(today: date, days) -> list[dict]:
    """Each caseworker's flagged cases held now, how many of them are overdue, and their
    decisions of the board's days: never every case they ever held (years of them)."""
    holding = (
        Case.objects.filter(status=Case.Status.FLAGGED, holder__isnull=False)
        .values_list("holder__username")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
        .order_by()
    )
    load = {name: {"holding": n, "overdue": overdue, "decided": 0} for name, n, overdue in holding}
    for day in days:
        for name, n in day.by_caseworker.items():
            load.setdefault(name, {"holding": 0, "overdue": 0, "decided": 0})["decided"] += n
    rows = [{"username": name, **figures} for name, figures in load.items()]
    return sorted(rows, key=lambda row: (-row["holding"], row["username"]))


@dataclass(frozen=True)
class Day:
    day: date
    arrivals: int = 0
    decisions: int = 0
    in_time: int = 0  # decisions on or before their case's due date
    by_caseworker: dict[str, int] = field(default_factory=dict)  # decisions a person made


def recent_days(today: date) -> list[Day]:
    """The board's last SLA_BOARD_DAYS days, today last. A day gone by never changes (a case's
    arrival and due date, a decision's time are written once), so each is counted once and
    kept in the cache while it is on the board; only today is counted on every view. Counting
    all of them took most of a second with millions of decisions (each joined with its case)."""
    days = [today - timedelta(days=n) for n in range(SLA_BOARD_DAYS - 1, -1, -1)]
    keys = {day: f"casework:sla-day:{day.isoformat()}" for day in days[:-1]}
    kept = cache.get_many(keys.values())
    missing = [day for day in days[:-1] if keys[day] not in kept]
    if missing:
        counted = _count_days(missing[0], missing[-1])
        fresh = {keys[day]: counted.get(day, Day(day)) for day in missing}
        cache.set_many(fresh, timeout=SLA_BOARD_DAYS * 24 * 3600)
        kept.update(fresh)
    return [
        *(kept[keys[day]] for day in days[:-1]),
        _count_days(today, today).get(today, Day(today)),
    ]


def _count_days(first: date, last: date) -> dict[date, Day]:
    """Arrivals, decisions and decisions in time on each local day from first to last."""
    from django.db.models import F
    from django.db.models.functions import TruncDate

    from .models import Decision

    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    decisions = (
        Decision.objects.filter(decided_at__gte=start, decided_at__lt=end)
        .annotate(day=TruncDate("decided_at"))
        .values_list("day")
        .order_by()
    )
    decided, by_caseworker = {}, {}
    for day, username, n in decisions.values_list("day", "decided_by__username").annotate(
        n=Count("pk")
    ):
        decided[day] = decided.get(day, 0) + n
        if username:  # not the rules alone
            by_caseworker.setdefault(day, {})[username] = n
    # A decision of these days was in time only if its case is due on one of them or later: so
    # the join takes the recently due cases by their index, not millions of older ones.
    in_time = dict(
        decisions.filter(case__due_date__gte=first, day__lte=F("case__due_date")).annotate(
            n=Count("pk")
        )
    )
    arrivals = dict(
        Case.objects.filter(received_at__gte=start, received_at__lt=end)
        .annotate(day=TruncDate("received_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        day: Day(
            day,
            arrivals.get(day, 0),
            decided.get(day, 0),
            in_time.get(day, 0),
            by_caseworker.get(day, {}),
        )
        for day in arrivals.keys() | decided.keys()
    }
