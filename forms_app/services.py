"""State changes of forms_app, each public function one transaction; and the checks of the
secrets a citizen holds (a resume link, a receipt link, a reference with a FİN)."""

import hashlib
import json
import logging
import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare

from . import guards, ratelimit, selectors
from .actions import run_submission_actions
from .guards import SubmissionRefused
from .models import (
    ApiKey,
    DeclarationForm,
    DeclarationFormVersion,
    Draft,
    EServicePage,
    ReferenceSequence,
    Submission,
    SubmissionLock,
    UploadedDocument,
)
from .schema.definition import FormDefinition
from .schema.engine import validate_answers

logger = logging.getLogger(__name__)


class ServiceClosed(Exception):
    """The e-service is not accepting applications."""


class SubmissionFailed(Exception):
    """Saving the submission or one of its actions failed; nothing was written (a failure after
    the commit is logged and the submission returned: it stands)."""


class InvalidAnswers(Exception):
    """The answers don't pass the form version's validation; `errors` maps paths to messages."""

    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


def canonical_json(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)


def answers_digest(answers: dict) -> str:
    return hashlib.sha256(canonical_json(answers).encode()).hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Form versions ---------------------------------------------------------------------------------


# Draftail marks each paragraph of a rich text with a random key when an editor first saves it:
# editor bookkeeping, not content.
DRAFTAIL_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def _complete_schema(form: DeclarationForm):
    """The form's schema as plain JSON with every block setting present. The admin saves every
    setting, defaults included, while hand-written JSON (seed_demo, tests) leaves defaults out;
    going through the blocks makes the two alike, so a publish that changes nothing hashes the
    same however the form was saved."""

    def plain(data):
        if isinstance(data, dict):
            return {key: plain(value) for key, value in data.items()}
        if isinstance(data, list):
            return [plain(value) for value in data]
        return DRAFTAIL_BLOCK_KEY.sub("", data) if isinstance(data, str) else data

    stream = form.schema.stream_block.to_python(form.schema.get_prep_value())
    # Iterating the stream turns each block into its full value (a lazy stream would give its
    # raw JSON back unchanged).
    return plain(json.loads(canonical_json([child.get_prep_value() for child in stream])))


def freeze_version(form: DeclarationForm, *, revision=None, user=None) -> DeclarationFormVersion:
    """Freeze the form's live schema as a new version, unless the latest version already has
    the same content (a publish that changed only the title)."""
    schema = _complete_schema(form)
    content_hash = hashlib.sha256(
        canonical_json(FormDefinition.from_stream(schema).as_json()).encode()
    ).hexdigest()
    with transaction.atomic():
        # Lock the form row so two publishes can't take the same number.
        DeclarationForm.objects.select_for_update().filter(pk=form.pk).first()
        latest = form.versions.order_by("-number").first()
        if latest and latest.content_hash == content_hash:
            return latest
        return DeclarationFormVersion.objects.create(
            form=form,
            number=(latest.number + 1) if latest else 1,
            schema=schema,
            content_hash=content_hash,
            revision=revision,
            published_by=user,
        )


# Drafts ----------------------------------------------------------------------------------------


def draft_lifetime() -> timedelta:
    return timedelta(days=settings.FORMS_APP["DRAFT_LIFETIME_DAYS"])


def start_draft(
    service: EServicePage,
    version: DeclarationFormVersion,
    *,
    channel: str,
    language: str,
    operator=None,
    branch: str = "",
    prefill: dict | None = None,
) -> tuple[Draft, str]:
    """A new draft and its secret resume token (shown once, never stored)."""
    if not service.accepting_applications:
        raise ServiceClosed(service.pk)
    token = secrets.token_urlsafe(24)
    draft = Draft.objects.create(
        token_hash=_token_hash(token),
        service=service,
        form_version=version,
        channel=channel,
        language=language,
        operator=operator,
        branch=branch,
        answers=prefill or {},
        expires_at=timezone.now() + draft_lifetime(),
    )
    return draft, token


def send_resume_link(draft: Draft, resume_url: str) -> list[str]:
    """Send the resume link to the email address and mobile number given so far (after commit,
    through the task queue); returns where it went, masked, to show the person."""
    from .tasks import enqueue_resume_link

    definition = draft.form_version.definition
    destinations = {}
    for path, field in definition.all_fields():
        value = draft.answers.get(path)
        if field.type in ("email", "mobile") and value and field.type not in destinations:
            destinations[field.type] = value
    transaction.on_commit(lambda: enqueue_resume_link(draft.language, resume_url, **destinations))
    return [_mask(v) for v in destinations.values()]


def _mask(address: str) -> str:
    if "@" in address:
        name, _at, domain = address.partition("@")
        return f"{name[:2]}…@{domain}"
    return f"{address[:6]}…{address[-2:]}"


def find_draft_by_token(service: EServicePage, token: str) -> Draft | None:
    return Draft.objects.filter(
        service__translation_key=service.translation_key,
        token_hash=_token_hash(token or ""),
        expires_at__gt=timezone.now(),
        submission__isnull=True,
    ).first()


def renew_draft_token(draft: Draft) -> tuple[str, datetime]:
    """A fresh resume link for the draft (the old one stops working), and when it expires."""
    token = secrets.token_urlsafe(24)
    expires_at = timezone.now() + draft_lifetime()
    Draft.objects.filter(pk=draft.pk).update(token_hash=_token_hash(token), expires_at=expires_at)
    return token, expires_at


def _store_uploads(draft: Draft, value):
    """Replace uploaded files (anywhere in a step's answers) by stored documents' references."""
    if isinstance(value, UploadedFile):
        digest = hashlib.sha256()
        for chunk in value.chunks():
            digest.update(chunk)
        document = UploadedDocument.objects.create(
            draft=draft,
            file=value,
            original_name=value.name[:255],
            size=value.size,
            sha256=digest.hexdigest(),
        )
        return document.as_answer()
    if isinstance(value, list):
        return [_store_uploads(draft, v) for v in value]
    if isinstance(value, dict):
        return {k: _store_uploads(draft, v) for k, v in value.items()}
    return value


def save_step(draft: Draft, step_name: str, step_answers: dict, *, language=None) -> Draft:
    """Store one step's validated answers; the draft lives on for its full lifetime again, in
    the language the person now uses (their documents and messages follow it)."""
    return _save_answers(draft, step_name, step_answers, completed=True, language=language)


def save_partial_step(draft: Draft, step_name: str, valid_answers: dict, *, language=None):
    """Store the answers of a step that passed their checks when others didn't ("save and come
    back later" on a half-filled page); the step is left to be finished."""
    return _save_answers(draft, step_name, valid_answers, completed=False, language=language)


def _save_answers(draft, step_name, answers, *, completed, language) -> Draft:
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        answers = _store_uploads(draft, answers)
        draft.answers = {**draft.answers, **answers}
        steps = [s for s in draft.completed_steps if s != step_name]
        draft.completed_steps = [*steps, step_name] if completed else steps
        if language in dict(settings.LANGUAGES):
            draft.language = language
        draft.expires_at = timezone.now() + draft_lifetime()
        draft.save(
            update_fields=["answers", "completed_steps", "language", "expires_at", "updated_at"]
        )
    return draft


def purge_expired_drafts() -> int:
    deleted, _ = Draft.objects.filter(
        expires_at__lte=timezone.now(), submission__isnull=True
    ).delete()
    return deleted


def submit_draft(draft: Draft) -> Submission:
    """Validate the whole draft again (the server is the authority) and submit it. Submitting a
    draft twice gives the first submission."""
    if draft.submission_id:
        return draft.submission
    return submit_declaration(
        draft.service,
        draft.form_version,
        draft.answers,
        channel=draft.channel,
        language=draft.language,
        idempotency_key=f"draft:{draft.public_id}",
        operator=draft.operator,
        branch=draft.branch,
        draft=draft,
    )


# Receipts and the status page ------------------------------------------------------------------

RECEIPT_SALT = "forms_app.receipt"


def receipt_access_minutes() -> int:
    return settings.FORMS_APP["RECEIPT_ACCESS_MINUTES"]


def receipt_token(submission: Submission) -> str:
    """A signed token that opens the receipt without a session (API clients)."""
    return signing.dumps(str(submission.public_id), salt=RECEIPT_SALT)


def receipt_token_opens(token: str, submission: Submission) -> bool:
    """Whether `token` is an unexpired receipt token of this submission."""
    try:
        signed = signing.loads(token, salt=RECEIPT_SALT, max_age=receipt_access_minutes() * 60 * 24)
    except signing.BadSignature:
        return False
    return signed == str(submission.public_id)


DOCUMENT_SALT = "forms_app.document"


def document_token(submission: Submission, kind: str) -> str:
    """A signed token that opens one of the submission's issued documents (its letter, from the
    status page or the API) for a while, without a session."""
    return signing.dumps(f"{submission.public_id}:{kind}", salt=DOCUMENT_SALT)


def document_token_opens(token: str, submission: Submission, kind: str) -> bool:
    max_age = settings.FORMS_APP["DOCUMENT_LINK_HOURS"] * 3600
    try:
        signed = signing.loads(token, salt=DOCUMENT_SALT, max_age=max_age)
    except signing.BadSignature:
        return False
    return constant_time_compare(signed, f"{submission.public_id}:{kind}")


def document_link(submission: Submission, kind: str) -> str:
    """The path that downloads the submission's issued document of `kind`, on its service page in
    the applicant's language."""
    page = selectors.service_in_language(submission.service, submission.language)
    path = page.url + page.reverse_subpage("document", args=[submission.public_id, kind])
    return f"{path}?t={document_token(submission, kind)}"


class TooManyLookups(Exception):
    def __init__(self, wait: int):
        super().__init__(wait)
        self.wait = wait


def look_up_status(
    service: EServicePage | None, reference: str, pin: str, *, address: str, post_office: bool
) -> Submission | None:
    """The status page's (and the API's) look-up: the submission, or None for no match. Look-ups
    that match nothing are counted per reference and per address (a post office, serving one
    citizen after another, is never limited per address); too many raise TooManyLookups."""
    config = settings.FORMS_APP
    window = config["STATUS_WINDOW"]
    limits = [(f"status:ref:{reference}", config["STATUS_FAILURES_PER_REFERENCE"])]
    if not post_office:
        limits.append((f"status:ip:{address}", config["STATUS_FAILURES_PER_ADDRESS"]))
    wait = max(
        (ratelimit.wait_for(key, limit=limit, window_seconds=window) for key, limit in limits),
        default=0,
    )
    if wait:
        raise TooManyLookups(wait)
    submission = find_submission_for_status(service, reference, pin)
    if submission is None:
        for key, limit in limits:
            ratelimit.hit(key, limit=limit, window_seconds=window)
    return submission


def find_submission_for_status(
    service: EServicePage | None, reference: str, pin: str
) -> Submission | None:
    """The submission with this reference (of this service, or of any) whose applicant has this
    FİN, else None: a wrong reference and a wrong FİN look the same, and the FİN is compared in
    constant time."""
    if service is None:
        submission = Submission.objects.filter(reference=reference).first()
    else:
        submission = selectors.get_submission_by_reference(service, reference)
    applicant_pin = str((submission.answers.get("pin") if submission else "") or "")
    if submission and constant_time_compare(applicant_pin, pin):
        return submission
    return None


# API keys --------------------------------------------------------------------------------------

API_KEY_PREFIX = "emk_"


def issue_api_key(*, name: str, submissions_per_minute: int, user=None) -> tuple[ApiKey, str]:
    """A new key for an integrator, and the key itself: shown once, stored only as a hash."""
    secret = API_KEY_PREFIX + secrets.token_urlsafe(32)
    api_key = ApiKey.objects.create(
        name=name,
        prefix=secret[:12],
        key_hash=_token_hash(secret),
        submissions_per_minute=submissions_per_minute,
        created_by=user,
    )
    return api_key, secret


def api_key_for(secret: str) -> ApiKey | None:
    """The active key `secret` is, noting that it was used; None for a wrong or revoked key."""
    api_key = ApiKey.objects.filter(key_hash=_token_hash(secret), active=True).first()
    if api_key is not None:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    return api_key


# Submitting ------------------------------------------------------------------------------------


def _next_reference(prefix: str, year: int) -> str:
    """The next number of this prefix and year, in one statement (PostgreSQL and SQLite both
    upsert). The row stays locked until commit, so concurrent submits get consecutive numbers
    and never the same one."""
    table = connection.ops.quote_name(ReferenceSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, year, last_number) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (prefix, year) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [prefix, year],
        )
        (number,) = cursor.fetchone()
    return f"{prefix}-{year}-{number:06d}"


def _lock(keys: list[str]):
    """Take the guards' row locks, creating the rows as needed, in one statement: an upsert that
    finds the row locks it until commit (PostgreSQL; SQLite writes one at a time anyway)."""
    table, key = (connection.ops.quote_name(n) for n in (SubmissionLock._meta.db_table, "key"))
    rows = ", ".join(["(%s)"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}) VALUES {rows} "  # noqa: S608
            f"ON CONFLICT ({key}) DO UPDATE SET {key} = excluded.{key}",
            keys,
        )


def _submitted_with_key(service, idempotency_key: str) -> Submission | None:
    """The submission this idempotency key already made for this service, if any. Asked by
    every submission and nearly always finding nothing: one plain statement by the unique
    index (building the ORM's query took five times as long as running it)."""
    if not idempotency_key:
        return None
    table = connection.ops.quote_name(Submission._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE service_id = %s AND idempotency_key = %s",  # noqa: S608
            [service.pk, idempotency_key],
        )
        row = cursor.fetchone()
    return Submission.objects.get(pk=row[0]) if row else None


def _check_guards(service, answers, idempotency_key) -> Submission | None:
    """Take the guards' locks, then run their checks. A request with the same idempotency key
    that committed before, or while this one waited, is the answer (a retry, not a second
    application)."""
    keys = guards.lock_keys(service, answers)
    if keys:
        _lock(keys)
    if submission := _submitted_with_key(service, idempotency_key):
        return submission
    guards.check_submission(service, answers)
    return None


def submit_declaration(
    service: EServicePage,
    version: DeclarationFormVersion,
    answers: dict,
    *,
    channel: str,
    language: str | None = None,
    idempotency_key: str = "",
    operator=None,
    branch: str = "",
    draft: Draft | None = None,
) -> Submission:
    """Validate and save a declaration and run its form's actions, all or nothing.

    The same idempotency key for the same service returns the first submission, so a double
    click or a retried request never makes two. A submission guard may refuse it
    (`SubmissionRefused`, e.g. the applicant's first application is still open).
    """
    # A retry is found under the guards' lock, so a first try looks its key up once. A retry
    # that would be refused now (the service closed since, or an answer out of range a day
    # later) still gets its first submission.
    if not service.accepting_applications:
        if submission := _submitted_with_key(service, idempotency_key):
            return submission
        raise ServiceClosed(service.pk)
    language = language or translation.get_language() or "az"
    documents = draft.documents.values_list("public_id", flat=True) if draft else []
    with translation.override(language):
        cleaned, errors = validate_answers(
            version.definition,
            answers,
            channel=channel,
            language=language,
            document_ids=set(documents),
        )
    if errors:
        if submission := _submitted_with_key(service, idempotency_key):
            return submission
        raise InvalidAnswers(errors)
    committed = []
    try:
        with transaction.atomic():
            if winner := _check_guards(service, cleaned, idempotency_key):
                return winner
            # Runs first after the commit: an action's after-commit work that fails then (a
            # broker that can't be reached) must not turn a saved submission into an error.
            transaction.on_commit(lambda: committed.append(True))
            submission = Submission.objects.create(
                service=service,
                form_version=version,
                reference=_next_reference(service.reference_prefix, timezone.localdate().year),
                channel=channel,
                language=language,
                answers=cleaned,
                digest=answers_digest(cleaned),
                idempotency_key=idempotency_key,
                operator=operator,
                branch=branch,
            )
            if draft is not None:
                Draft.objects.filter(pk=draft.pk).update(submission=submission)
                UploadedDocument.objects.filter(draft=draft).update(submission=submission)
            run_submission_actions(submission, ["store", *version.form.actions])
    except Exception as error:
        if committed:
            logger.exception("After submission %s was committed", submission.reference)
            return submission
        if isinstance(error, SubmissionRefused | OperationalError | InterfaceError):
            # A database that can't be reached is answered as such (503, try again), not as a
            # failed submission.
            raise
        # Another request with the same key may have won the race: answer with its submission.
        if isinstance(error, IntegrityError) and (
            submission := _submitted_with_key(service, idempotency_key)
        ):
            return submission
        logger.exception("Submission to %s failed", service.reference_prefix)
        raise SubmissionFailed from error
    return submission
