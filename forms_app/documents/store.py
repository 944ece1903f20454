"""Issuing a document once: render it, keep the PDF in the documents storage with its SHA-256
and a short verification code, and serve that same file ever after. Rendering again is a
command (`manage.py regenerate_documents`), never a side effect of a download."""

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
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
    existing = IssuedDocument.objects.filter(submission=submission, kind=kind).first()
    if existing is not None:
        return existing
    code = new_code()
    pdf = renderer(kind)(submission, code, verify_url(code))
    document = IssuedDocument(
        submission=submission,
        kind=kind,
        language=submission.language,
        sha256=hashlib.sha256(pdf).hexdigest(),
        code=code,
    )
    try:
        with transaction.atomic():
            document.file.save(document.filename, ContentFile(pdf), save=False)
            document.save()
    except IntegrityError:
        document.file.delete(save=False)
        return IssuedDocument.objects.get(submission=submission, kind=kind)
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
