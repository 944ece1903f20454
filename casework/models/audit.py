"""The audit trail's rows."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import fields
from .cases import Case


class AuditChainHead(models.Model):
    """One row holding the hash of the newest audit event; locked while an event is appended
    so the chain never forks under concurrent writers."""

    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self):
        return self.last_hash


class AuditEvent(models.Model):
    """An append-only, hash-chained record of everything that happened to a case."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="audit_events", null=True, blank=True
    )
    action = models.CharField(_("action"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("actor"),
        help_text=_("Empty when the system acted."),
    )
    reason = models.TextField(_("reason"), blank=True)
    data = fields.JSONField(_("data"), default=dict)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action}"
