"""Telling the applicant, over the channel chosen in the declaration (email, SMS, or the status
page only), in their language: the decision (the letter attached to the email), a document a
caseworker asks for, a case that is being checked and will take longer.

Exactly once per case, kind and channel: the notice is a row with a unique key, made in the same
transaction as what it tells, and sent after commit. A send claims the row first (SENDING); a
worker that dies before marking it SENT leaves it to the sweeper, which sends it again with the
same reference (an SMS gateway answers a repeated reference with the first message) or the same
Message-ID (mail clients merge a duplicate). Transient failures are tried again with backoff."""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from forms_app import sms
from forms_app.documents import store
from forms_app.models import IssuedDocument

from . import bulk
from .audit import record_event, record_events
from .declaration import read_declaration
from .models import AuditEvent, Case, Notice
from .rules.explain import azn, day_in

logger = logging.getLogger(__name__)

SMS_TEXTS = {
    "granted": {
        "az": "{ref}: ünvanlı sosial yardım təyin edildi, ayda {amount}, {start}–{end}. "
        "Məktub: {site}",
        "ru": "{ref}: назначена адресная соцпомощь {amount} в месяц, {start}–{end}. Письмо: {site}",
        "en": "{ref}: targeted social assistance granted, {amount} a month, {start}-{end}. "
        "Letter: {site}",
    },
    "refused": {
        "az": "{ref}: ünvanlı sosial yardım təyin edilmədi. Əsaslar və şikayət qaydası: {site}",
        "ru": "{ref}: в адресной соцпомощи отказано. Основания и обжалование: {site}",
        "en": "{ref}: targeted social assistance refused. Grounds and how to appeal: {site}",
    },
    "document_request": {
        "az": "{ref}: müraciətiniz üçün sənəd lazımdır. Ətraflı: {site}",
        "ru": "{ref}: для вашего обращения нужен документ. Подробнее: {site}",
        "en": "{ref}: a document is needed for your application. Details: {site}",
    },
    "delayed": {
        "az": "{ref}: müraciətiniz mütəxəssis tərəfindən yoxlanılır, qərar {due} tarixinədək.",
        "ru": "{ref}: обращение проверяет специалист, решение до {due}.",
        "en": "{ref}: a specialist is checking your application; decision by {due}.",
    },
}


def _language(case: Case) -> str:
    language = case.submission.language[:2]
    return language if language in ("az", "ru", "en") else "az"


def make_notice(case: Case, kind: str, *, what: str = "", send: bool = True) -> Notice | None:
    """The notice of `kind` to the applicant, in the caller's transaction; None if it exists.
    `send=False`: the caller's pipeline sends it (a decision's notice goes with its letter, see
    pipeline.finish); the notices' sweeper sends it if that has not happened within
    NOTICE_SENDING_STALE_MINUTES, as it does a send that was abandoned."""
    notice = notice_for(case, kind, what=what, send=send)
    try:
        with transaction.atomic():
            notice.save()
    except IntegrityError:
        return None
    if send and notice.status == Notice.Status.QUEUED:
        transaction.on_commit(lambda: enqueue(notice.pk))
    return notice


def make_notices(cases: list[Case], kind: str):
    """`make_notice(…, send=False)` for many cases in one insert (a batch's decisions, which
    their finish sends); the notices that exist already are left as they are."""
    Notice.objects.bulk_create(
        [notice_for(case, kind, send=False) for case in cases], ignore_conflicts=True
    )


def notice_for(case: Case, kind: str, *, what: str = "", send: bool = True) -> Notice:
    """The notice (unsaved) of `kind` to the applicant, over the channel they chose."""
    declaration = read_declaration(case.submission.answers)
    channel = declaration.feedback_channel
    recipient = {
        Notice.Channel.EMAIL: declaration.feedback_email,
        Notice.Channel.SMS: declaration.feedback_mobile,
    }.get(channel, "")
    if channel not in Notice.Channel.values or (
        channel != Notice.Channel.STATUS_PAGE and not recipient
    ):
        channel, recipient = Notice.Channel.STATUS_PAGE, ""
    key = ":".join(str(part) for part in (case.pk, kind, channel, what) if part != "")
    # The status page shows what there is to tell as soon as it is committed: nothing to send.
    on_the_page = channel == Notice.Channel.STATUS_PAGE
    return Notice(
        case=case,
        key=key,
        kind=kind,
        channel=channel,
        language=_language(case),
        recipient=recipient,
        status=Notice.Status.DELIVERED if on_the_page else Notice.Status.QUEUED,
        delivered_at=timezone.now() if on_the_page else None,
        next_attempt_at=None if send or on_the_page else _sweepers_after(),
    )


def _sweepers_after():
    """When a notice its pipeline sends becomes the sweeper's (see make_notice)."""
    return timezone.now() + timedelta(minutes=settings.CASEWORK["NOTICE_SENDING_STALE_MINUTES"])


def enqueue(notice_id: int):
    from django_q.tasks import async_task

    async_task("casework.tasks.send_notice", notice_id, group="notices")


def send(notice_id: int) -> str:
    """Send one notice if it is due; returns its status afterwards."""
    (status,) = send_many([notice_id]) or [Notice.objects.get(pk=notice_id).status]
    return status


def send_many(notice_ids: list[int], *, untried: bool = False) -> list[str]:
    """Send the notices that are due among these (a batch's), each once: claimed together,
    delivered one by one, recorded together. `untried`: those never tried are due too (a
    case's finish sends its own at once). Returns the statuses of those it sent or tried."""
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            _due(now, untried=untried)
            .filter(pk__in=notice_ids)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("case__submission", "case__decision__rule_set__parameters_version")
            .defer(*LARGE_FIELDS)
        )
        for notice in claimed:
            notice.status, notice.attempts = Notice.Status.SENDING, notice.attempts + 1
            notice.next_attempt_at = now
        bulk.update(claimed, ["status", "attempts", "next_attempt_at"])
    sent, statuses = [], []
    for notice in claimed:
        try:
            text, gateway_id, sent_status = _deliver(notice)
        except Exception as error:  # noqa: BLE001  (any failure of a gateway or a mail server)
            statuses.append(_failed(notice, error))
            continue
        notice.status = sent_status
        notice.text, notice.gateway_id, notice.sent_at = text, gateway_id, timezone.now()
        if sent_status == Notice.Status.DELIVERED:
            notice.delivered_at = notice.sent_at
        sent.append(notice)
        statuses.append(notice.status)
    with transaction.atomic():
        bulk.update(sent, ["status", "text", "gateway_id", "sent_at", "delivered_at"])
        record_events(
            [
                AuditEvent(
                    case=notice.case,
                    action="notice_sent",
                    data={"notice": notice.pk, "kind": notice.kind, "channel": notice.channel},
                )
                for notice in sent
            ]
        )
    return statuses


def _failed(notice: Notice, error: Exception) -> str:
    transient = getattr(error, "transient", True)
    attempts_left = notice.attempts < settings.CASEWORK["NOTICE_MAX_ATTEMPTS"]
    with transaction.atomic():
        notice.last_error = f"{type(error).__name__}: {error}"[:2000]
        if transient and attempts_left:
            backoff = settings.CASEWORK["NOTICE_BACKOFF_SECONDS"] * 2 ** (notice.attempts - 1)
            notice.status = Notice.Status.QUEUED
            notice.next_attempt_at = timezone.now() + timedelta(seconds=backoff)
        else:
            notice.status = Notice.Status.FAILED
            record_event(
                "notice_failed",
                case=notice.case,
                reason=notice.last_error,
                data={"notice": notice.pk, "kind": notice.kind, "channel": notice.channel},
            )
        notice.save(update_fields=["status", "next_attempt_at", "last_error"])
    logger.warning("Notice %s not sent (%s): %s", notice.key, notice.status, notice.last_error)
    return notice.status


def _deliver(notice: Notice) -> tuple[str, str, str]:
    """(what was said, the gateway's id, the status it leaves the notice in)."""
    if notice.channel == Notice.Channel.SMS:
        text = sms_text(notice)
        sent = sms.send_sms(notice.recipient, text, reference=notice.key)
        status = {"delivered": Notice.Status.DELIVERED, "failed": Notice.Status.FAILED}.get(
            sent.status, Notice.Status.SENT
        )
        return text, sent.gateway_id, status
    message = _email(notice)
    message.send()
    return message.body, message.extra_headers["Message-ID"], Notice.Status.SENT


def _context(notice: Notice) -> dict:
    case, lang = notice.case, notice.language
    context = {
        "case": case,
        "ref": case.reference,
        "site": urlsplit(settings.SITE_URL).netloc,
        "site_url": settings.SITE_URL,
        "language": lang,
        "due": day_in(case.due_date, lang) if case.due_date else "",
    }
    decision = getattr(case, "decision", None)
    if decision is not None:
        context.update(
            decision=decision,
            outcome=decision.outcome,
            amount=azn(decision.monthly_amount, lang) if decision.monthly_amount else "",
            start=decision.period_start.strftime("%d.%m.%Y") if decision.period_start else "",
            end=decision.period_end.strftime("%d.%m.%Y") if decision.period_end else "",
            explanation=decision.explanation_in(lang),
        )
    if notice.kind == Notice.Kind.DOCUMENT_REQUEST:
        request = case.document_requests.order_by("-requested_at").first()
        context["document_request"] = request.what if request else ""
    return context


def sms_text(notice: Notice) -> str:
    context = _context(notice)
    key = context.get("outcome", "granted") if notice.kind == Notice.Kind.DECISION else notice.kind
    return SMS_TEXTS[key][notice.language].format(**context)


def _email(notice: Notice) -> EmailMultiAlternatives:
    context = _context(notice)
    template = f"casework/notices/{notice.kind}"
    subject, _sep, body = render_to_string(f"{template}.txt", context).partition("\n\n")
    message = EmailMultiAlternatives(
        subject=subject.strip(),
        body=body.strip() + "\n",
        to=[notice.recipient],
        headers={"Message-ID": f"<{notice.key}@{context['site'] or 'e-muraciet'}>"},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    if notice.kind == Notice.Kind.DECISION:
        letter = store.issue(notice.case.submission, IssuedDocument.Kind.LETTER)
        message.attach(letter.filename, store.read(letter), "application/pdf")
    return message


def check_deliveries() -> int:
    """Ask the SMS gateway what became of the messages it accepted; returns how many changed."""
    backend = sms.backend()
    changed = 0
    waiting = Notice.objects.filter(channel=Notice.Channel.SMS, status=Notice.Status.SENT).exclude(
        gateway_id=""
    )
    for notice in waiting[:500]:
        try:
            status = backend.status(notice.gateway_id)
        except Exception as error:  # noqa: BLE001
            logger.warning("No delivery report for %s: %s", notice.key, error)
            continue
        if status in ("delivered", "failed"):
            Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENT).update(
                status=status, delivered_at=timezone.now() if status == "delivered" else None
            )
            changed += 1
    return changed


def due_notice_ids(case_ids: list[int] | None = None) -> list[int]:
    """Notices to send now: of all cases, those queued and due, or claimed by a worker that
    never finished (the sweeper's); of these cases, those never tried too (their finish's)."""
    due = _due(timezone.now(), untried=case_ids is not None)
    if case_ids is not None:
        due = due.filter(case_id__in=case_ids)
    return list(due.values_list("pk", flat=True)[:1000])


def _due(now, *, untried: bool = False):
    stale = now - timedelta(minutes=settings.CASEWORK["NOTICE_SENDING_STALE_MINUTES"])
    due = (
        Q(status=Notice.Status.QUEUED, next_attempt_at__isnull=True)
        | Q(status=Notice.Status.QUEUED, next_attempt_at__lte=now)
        | Q(status=Notice.Status.SENDING, next_attempt_at__lte=stale)
    )
    if untried:
        due |= Q(status=Notice.Status.QUEUED, attempts=0)
    return Notice.objects.filter(due)


# What a notice's text never needs of its case: large, and read for every notice sent.
LARGE_FIELDS = [
    "case__household",
    "case__discrepancies",
    "case__decision__facts",
    "case__decision__trace",
]
