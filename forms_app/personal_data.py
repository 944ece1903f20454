"""Who saw or took away personal data: forms_app says so with the `personal_data_accessed` signal,
and the app that keeps the audit trail (casework) records it. Sent for a submission inspected in
the admin, an export file, a receipt downloaded; the case views send it too.

    personal_data_accessed.send(
        sender=Submission,            # the model whose records were seen
        user=request.user,            # None: the citizen, with the receipt's secret link
        action="exported",            # viewed, exported, downloaded
        references=["UDSY-2026-000001"],  # which records; empty for an export (see detail)
        detail={"format": "xlsx", "count": 120, "query": "form_version=2"},
    )
"""

from django.dispatch import Signal

personal_data_accessed = Signal()


def accessed(sender, *, user, action: str, references=(), detail=None):
    """Send the signal; a user who isn't logged in is recorded as nobody."""
    personal_data_accessed.send(
        sender=sender,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        references=list(references),
        detail=detail or {},
    )
