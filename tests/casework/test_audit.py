"""The audit trail holds: an edited event, a deleted one and a cut-off tail are all found."""

import pytest

from casework.audit import record_event, verify_audit_chain
from casework.models import AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(db):
    return [record_event(f"step_{n}", data={"n": n, "note": "Ə ş ç"}) for n in range(5)]


def test_an_untouched_chain_holds(events):
    assert verify_audit_chain() is None
    assert AuditChainHead.objects.get().last_hash == events[-1].hash


def test_an_edited_event_is_found(events):
    AuditEvent.objects.filter(pk=events[2].pk).update(reason="edited afterwards")
    broken = verify_audit_chain()
    assert broken.event.pk == events[2].pk and "changed" in broken.reason


def test_a_deleted_event_is_found_at_its_successor(events):
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    broken = verify_audit_chain()
    assert broken.event.pk == events[2].pk and "follow" in broken.reason


def test_deleting_the_newest_events_is_found(events):
    AuditEvent.objects.filter(pk__in=[e.pk for e in events[-2:]]).delete()
    broken = verify_audit_chain()
    assert broken is not None and broken.event is None and "removed" in broken.reason


def test_a_rewritten_head_does_not_hide_an_edit(events):
    """Whoever edits an event and recomputes its hash breaks the link to the next one."""
    from casework.audit import event_hash

    edited = AuditEvent.objects.get(pk=events[1].pk)
    edited.reason = "edited"
    edited.hash = event_hash(edited, edited.previous_hash)
    edited.save()
    assert verify_audit_chain().event.pk == events[2].pk


def test_events_written_while_the_check_runs_dont_look_like_a_removed_head(events, monkeypatch):
    """The nightly check runs while workers write: an event committed after the head was read
    is checked too, and the chain holds."""
    from casework import audit

    read_head = audit.AuditChainHead.objects.filter

    def head_then_another_event(*args, **kwargs):
        record_event("case_opened", data={"written": "meanwhile"})  # a worker, just then
        rows = list(read_head(*args, **kwargs).values_list("last_hash", flat=True))

        class Read:
            def values_list(self, *a, **k):
                return self

            def first(self):
                return rows[0] if rows else None

            def exists(self):
                return bool(rows)

        return Read()

    monkeypatch.setattr(audit.AuditChainHead.objects, "filter", head_then_another_event)
    assert verify_audit_chain() is None
