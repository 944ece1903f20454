from datetime import date
from decimal import Decimal

from django.utils import timezone

from .models import Case

# Statuses the pipeline moves on by itself; FLAGGED waits for a person, DECIDED/CLOSED are done.
AUTOMATIC_STATUSES = [Case.Status.RECEIVED, Case.Status.ENRICHED]


def received_case_ids(*, limit: int):
    """The oldest cases waiting for registry data."""
    return (
        Case.objects.filter(status=Case.Status.RECEIVED)
        .order_by("received_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def stuck_case_ids(*, older_than):
    return Case.objects.filter(
        status__in=AUTOMATIC_STATUSES, status_changed_at__lt=older_than
    ).values_list("pk", flat=True)


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


def last_refusal_for_false_information(pins) -> date | None:
    """The day this system last refused an application of one of these people for false
    information (the registries' assistance history knows the ministry's older ones)."""
    from .models import Decision

    refused = Decision.objects.filter(
        outcome=Decision.Outcome.REFUSED, case__members__pin__in=list(pins)
    ).values_list("grounds", "decided_at")
    days = [timezone.localdate(at) for grounds, at in refused if "false_information" in grounds]
    return max(days, default=None)


def undeclared_income_tolerance(day) -> Decimal | None:
    """The rule parameters' tolerance (AZN a month) for applications made on `day`."""
    version = parameters_version_in_force(day)
    if version is None:
        return None
    (value,) = version.values["undeclared_income_tolerance"].values()
    return Decimal(str(value))


def open_applications_declaring(pins, *, besides) -> dict[str, list[str]]:
    """This system's other applications, not decided yet, that declare one of these people:
    {PIN: [reference, …]}."""
    from .models import CaseMember

    found: dict[str, list[str]] = {}
    rows = (
        CaseMember.objects.filter(pin__in=list(pins))
        .exclude(case_id=besides)
        .exclude(case__status__in=Case.FINAL_STATUSES)
        .values_list("pin", "case__reference")
        .order_by("case__reference")
    )
    for pin, reference in rows:
        found.setdefault(pin, []).append(reference)
    return found
