"""Parallel writers: submits from many threads at once, on SQLite (one writer at a time, by
IMMEDIATE transactions) and on PostgreSQL (row locks)."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from casework.audit import verify_audit_chain
from casework.models import AuditEvent, Case
from forms_app.models import EServicePage, Submission
from forms_app.services import submit_declaration
from tests.forms_app.declaration import of_applicant

PARALLEL = 12


def submit_in_own_connection(i):
    """Applicants 0 … PARALLEL/2 - 1, each sending their declaration twice (a retry)."""
    try:
        service = EServicePage.objects.get(locale__language_code="az", reference_prefix="UDSY")
        applicant = i % (PARALLEL // 2)
        submission = submit_declaration(
            service,
            service.current_form_version(),
            of_applicant(f"8{applicant:06d}"),
            channel="online",
            idempotency_key=f"parallel-{applicant}",
        )
        return submission.reference
    finally:
        connection.close()


def test_parallel_submits_get_unique_consecutive_references_and_keys_dedupe(live_demo_site):
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        references = list(pool.map(submit_in_own_connection, range(PARALLEL)))

    # Each idempotency key was used twice and gave one submission, with one reference.
    assert Submission.objects.count() == PARALLEL // 2
    assert len(set(references)) == PARALLEL // 2
    numbers = sorted(int(r[-6:]) for r in set(references))
    assert numbers == list(range(numbers[0], numbers[0] + PARALLEL // 2))
    assert Case.objects.count() == PARALLEL // 2


def test_the_audit_chain_never_forks_under_parallel_writers(live_demo_site):
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        list(pool.map(submit_in_own_connection, range(PARALLEL)))
    assert AuditEvent.objects.count() >= PARALLEL
    assert verify_audit_chain() is None
    hashes = AuditEvent.objects.values_list("previous_hash", flat=True)
    assert len(set(hashes)) == len(hashes)  # no two events follow the same predecessor
