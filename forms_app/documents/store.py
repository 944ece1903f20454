"""Issuing a document once: render it, keep the PDF in the documents storage with its SHA-256
and a short verification code, and serve that same file ever after. Rendering again is a
command (`manage.py regenerate_documents`), never a side effect of a download."""

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..models import IssuedDocument, Submission

# Short enough to type from paper; no 0/O, 1/I/L to misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10

# render(submission, code, verify_url) -> PDF bytes
Renderer = Callable[[Submission, str, str], bytes]
# What renders each kind: forms_app's receipt, and what other apps register (casework's letter).
_renderers: dict[str, Renderer] = {}


def register_renderer(kind: str):
    def decorator(render: Renderer) -> Renderer:
        _renderers[kind] = render
        return render

    return decorator


def renderer(kind: str) -> Renderer:
    return _renderers[kind]


def verify_url(code: str) -> str:
    return f"{settings.SITE_URL}/verify/{code}/"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """A code as people type it: spaces, dashes and lower case are fine."""
    return "".join(c for c in typed.upper() if c.isalnum())[: CODE_LENGTH * 2]


def issue(submission: Submission, kind: str) -> IssuedDocument:
    """The submission's document of this kind: the stored one, or rendered and stored now. When
    two processes issue it at once, one stores it and both return that one."""
    ((document, _new),) = issue_many([submission], kind)
    return document


def issue_many(submissions: list[Submission], kind: str) -> list[tuple[IssuedDocument, bool]]:
    """`issue` for many submissions (a batch's letters): each one's document, and whether it
    was issued now. Those not stored yet are rendered, then inserted together; a document
    another process stored meanwhile wins, and the file rendered here is removed."""
    existing = {
        document.submission_id: document
        for document in IssuedDocument.objects.filter(submission__in=submissions, kind=kind)
    }
    rendered = [
        _render(submission, kind) for submission in submissions if submission.pk not in existing
    ]
    try:
        with transaction.atomic():
            IssuedDocument.objects.bulk_create(rendered, ignore_conflicts=True)
            stored = {
                document.submission_id: document
                for document in IssuedDocument.objects.filter(
                    submission__in=[d.submission_id for d in rendered], kind=kind
                )
            }
    except Exception:
        for document in rendered:
            document.file.delete(save=False)
        raise
    for document in rendered:
        if stored[document.submission_id].code != document.code:
            document.file.delete(save=False)  # another process's is the one
    new = {document.code for document in rendered}
    return [
        (document, document.code in new)
        for submission in submissions
        for document in [existing.get(submission.pk) or stored[submission.pk]]
    ]


def _render(submission: Submission, kind: str) -> IssuedDocument:
    """A new document (unsaved), its PDF already in the documents storage."""
    code = new_code()
    pdf = renderer(kind)(submission, code, verify_url(code))
    document = IssuedDocument(
        submission=submission,
        kind=kind,
        language=submission.language,
        sha256=hashlib.sha256(pdf).hexdigest(),
        code=code,
    )
    document.file.save(document.filename, ContentFile(pdf), save=False)
    return document


def regenerate(document: IssuedDocument) -> IssuedDocument:
    """Render a document again (a font or a template was mended): same code, new file and hash."""
    pdf = renderer(document.kind)(document.submission, document.code, verify_url(document.code))
    old = document.file.name
    with transaction.atomic():
        document.file.save(document.filename, ContentFile(pdf), save=False)
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.regenerated_at = timezone.now()
        document.save(update_fields=["file", "sha256", "regenerated_at"])
    if old != document.file.name:
        document.file.storage.delete(old)
    return document


def read(document: IssuedDocument) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()
