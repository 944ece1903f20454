"""Notices: what the applicant is told, over the channel they chose, exactly once per case, kind
and channel (a row with a unique key, made in the transaction of what it tells)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import Case


class Notice(models.Model):
    class Kind(models.TextChoices):
        DECISION = "decision", _("The decision")
        DOCUMENT_REQUEST = "document_request", _("A document is asked for")
        DELAYED = "delayed", _("The case is being checked and takes longer")

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")
        STATUS_PAGE = "status_page", _("Status page only")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    # Still to be sent (or being sent, by a worker that may have died).
    PENDING = [Status.QUEUED, Status.SENDING]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notices")
    key = models.CharField(
        max_length=100,
        unique=True,
        help_text=_("case:kind:channel[:what], so one notice is never made twice"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=8)
    recipient = models.CharField(_("to"), max_length=254, blank=True)
    text = models.TextField(_("what it says"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    gateway_id = models.CharField(_("gateway's id"), max_length=100, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["created_at"]

    def __str__(self):
        return self.key
