"""The audit trail: every event is chained to the one before by its hash, so an edited or
deleted row breaks the chain and `verify_audit_chain()` finds it."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AuditChainHead, AuditEvent


def _event_hash(previous_hash, *, case_id, action, actor_id, reason, data, created_at) -> str:
    payload = json.dumps(
        {
            "previous": previous_hash,
            "case": case_id,
            "action": action,
            "actor": actor_id,
            "reason": reason,
            "data": data,
            "at": created_at.isoformat(),
        },
        cls=DjangoJSONEncoder,
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record_event(action: str, *, case=None, actor=None, reason: str = "", data=None) -> AuditEvent:
    """Append an event; joins the caller's transaction so the event and the change it records
    are written together or not at all."""
    data = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        created_at = timezone.now()
        digest = _event_hash(
            head.last_hash,
            case_id=case.pk if case else None,
            action=action,
            actor_id=actor.pk if actor else None,
            reason=reason,
            data=data,
            created_at=created_at,
        )
        event = AuditEvent.objects.create(
            case=case,
            action=action,
            actor=actor,
            reason=reason,
            data=data,
            created_at=created_at,
            previous_hash=head.last_hash,
            hash=digest,
        )
        head.last_hash = digest
        head.save(update_fields=["last_hash"])
    return event


def verify_audit_chain() -> AuditEvent | None:
    """The first event whose hash doesn't match its content or its predecessor, or None."""
    previous = "0" * 64
    for event in AuditEvent.objects.order_by("id").iterator():
        expected = _event_hash(
            previous,
            case_id=event.case_id,
            action=event.action,
            actor_id=event.actor_id,
            reason=event.reason,
            data=event.data,
            created_at=event.created_at,
        )
        if event.previous_hash != previous or event.hash != expected:
            return event
        previous = event.hash
    return None
