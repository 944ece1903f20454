"""State changes of forms_app. Each public function is one transaction."""

import hashlib
import json
import logging

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from .actions import get_submission_actions
from .models import EServicePage, ReferenceSequence, Submission

logger = logging.getLogger(__name__)


class ServiceClosed(Exception):
    """The e-service is not accepting applications."""


class SubmissionFailed(Exception):
    """Saving the submission or one of its actions failed; nothing was written."""


def answers_digest(answers: dict) -> str:
    canonical = json.dumps(answers, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _next_reference(prefix: str, year: int) -> str:
    """The next number of this prefix and year. The UPDATE holds the row lock until commit, so
    concurrent submits get consecutive numbers and never the same one."""
    ReferenceSequence.objects.get_or_create(prefix=prefix, year=year)
    ReferenceSequence.objects.filter(prefix=prefix, year=year).update(
        last_number=F("last_number") + 1
    )
    number = ReferenceSequence.objects.values_list("last_number", flat=True).get(
        prefix=prefix, year=year
    )
    return f"{prefix}-{year}-{number:06d}"


def submit_declaration(
    service: EServicePage,
    answers: dict,
    *,
    channel: str,
    language: str | None = None,
    idempotency_key: str = "",
) -> Submission:
    """Save a declaration and run the submission actions, all or nothing.

    The same idempotency key for the same service returns the first submission, so a double
    click or a retried request never makes two.
    """
    if not service.accepting_applications:
        raise ServiceClosed(service.pk)
    if idempotency_key:
        existing = Submission.objects.filter(service=service, idempotency_key=idempotency_key)
        if submission := existing.first():
            return submission
    answers = json.loads(json.dumps(answers, cls=DjangoJSONEncoder))
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                service=service,
                reference=_next_reference(service.reference_prefix, timezone.localdate().year),
                channel=channel,
                language=language or translation.get_language() or "az",
                answers=answers,
                digest=answers_digest(answers),
                idempotency_key=idempotency_key,
            )
            for action in get_submission_actions():
                action.run(submission)
    except IntegrityError as error:
        # Another request with the same key may have won the race: answer with its submission.
        winner = Submission.objects.filter(service=service, idempotency_key=idempotency_key)
        if idempotency_key and (submission := winner.first()):
            return submission
        logger.exception("Submission to %s failed", service.reference_prefix)
        raise SubmissionFailed from error
    except Exception as error:
        logger.exception("Submission to %s failed", service.reference_prefix)
        raise SubmissionFailed from error
    return submission
