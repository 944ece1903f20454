"""The audit trail: every event is chained to the one before by its hash, and the chain's head
(the newest hash) is kept apart, so an edited or deleted event, and a cut-off tail, are found by
`verify_audit_chain()`."""

import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from . import bulk
from .models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def event_hash(event: AuditEvent, previous_hash: str) -> str:
    """The hash of one event's content chained to its predecessor's: the one definition used
    both when an event is written and when the chain is verified."""
    payload = {
        "previous": previous_hash,
        "case": event.case_id,
        "action": event.action,
        "actor": event.actor_id,
        "reason": event.reason,
        "data": event.data,
        "at": event.created_at.isoformat(),
    }
    text = json.dumps(payload, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def record_event(action: str, *, case=None, actor=None, reason: str = "", data=None) -> AuditEvent:
    """Append an event; joins the caller's transaction so the event and the change it records
    are written together or not at all (no savepoint: a failed event fails the caller's
    transaction, whatever it catches)."""
    (event,) = record_events(
        [AuditEvent(case=case, action=action, actor=actor, reason=reason, data=data)]
    )
    return event


def record_events(events: list[AuditEvent]) -> list[AuditEvent]:
    """Append unsaved events in their order, as one write: the chain's head locked once, the
    events inserted together, the head moved once (a batch's events cost what one does). The
    chain is the same as appending them one by one."""
    if not events:
        return []
    with transaction.atomic(savepoint=False):
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        now = timezone.now()
        previous = head.last_hash
        for event in events:
            # Stored as the JSON it round-trips to, so the hash verifies after reading it back.
            event.data = json.loads(json.dumps(event.data or {}, cls=DjangoJSONEncoder))
            event.created_at = now
            event.previous_hash = previous
            event.hash = previous = event_hash(event, previous)
        bulk.insert(events)
        head.last_hash = previous
        head.save(update_fields=["last_hash"])
    return events


@dataclass(frozen=True)
class BrokenLink:
    """Where the chain stops holding: the first event that doesn't match its content or its
    predecessor, or (event None) a missing tail, when the newest event isn't the recorded head."""

    event: AuditEvent | None
    reason: str


def verify_audit_chain() -> BrokenLink | None:
    """None when every event holds and the chain's recorded head is among them. The head is read
    first: events written while the check runs come after it and are checked too, but don't
    make the head look removed."""
    head = AuditChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    # No head recorded means no events: then any event at all is past a removed head.
    head = head or GENESIS
    previous, head_seen = GENESIS, head == GENESIS
    for event in AuditEvent.objects.order_by("id").iterator():
        if event.previous_hash != previous:
            return BrokenLink(event, "it does not follow the event before it")
        if event.hash != event_hash(event, previous):
            return BrokenLink(event, "its content was changed")
        previous = event.hash
        head_seen = head_seen or previous == head
    if not head_seen or (head == GENESIS and previous != GENESIS and not _head_recorded()):
        return BrokenLink(None, "the newest events were removed: the last one left is not the head")
    return None


def _head_recorded() -> bool:
    return AuditChainHead.objects.filter(pk=1).exists()
