"""A circuit breaker per registry, its state in the database so every worker on every host
shares it: after `failure_threshold` consecutive failures the circuit opens and nobody calls the
registry for `open_seconds`; then one call is let through (half-open) and its result closes the
circuit again or re-opens it."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import RegistrySource

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


def state(source: RegistrySource) -> str:
    if source.opened_until is None:
        return CLOSED
    return OPEN if source.opened_until > timezone.now() else HALF_OPEN


def allow_call(source: RegistrySource) -> bool:
    """Whether to call now. In the half-open state the first worker to ask takes the trial call
    (it pushes `opened_until` forward, so the others keep waiting)."""
    if source.opened_until is None:
        # Closed when the catalogue was read (a moment ago): no lock needed on the hot path.
        return True
    now = timezone.now()
    with transaction.atomic():
        current = RegistrySource.objects.select_for_update().get(pk=source.pk)
        if current.opened_until is None:
            return True
        if current.opened_until > now:
            return False
        current.opened_until = now + timedelta(seconds=current.open_seconds)
        current.save(update_fields=["opened_until"])
        return True


def record_success(source: RegistrySource):
    RegistrySource.objects.filter(pk=source.pk).exclude(
        consecutive_failures=0, opened_until=None
    ).update(consecutive_failures=0, opened_until=None)


def record_failure(source: RegistrySource):
    with transaction.atomic():
        RegistrySource.objects.filter(pk=source.pk).update(
            consecutive_failures=F("consecutive_failures") + 1
        )
        current = RegistrySource.objects.select_for_update().get(pk=source.pk)
        if current.consecutive_failures >= current.failure_threshold:
            current.opened_until = timezone.now() + timedelta(seconds=current.open_seconds)
            current.save(update_fields=["opened_until"])
