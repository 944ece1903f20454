from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms_app.models import Submission


class Case(models.Model):
    """One declaration on its way to a decision. Its status changes only through services."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ENRICHED = "enriched", _("Registry data collected")
        FLAGGED = "flagged", _("Waiting for a caseworker")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed")

    # Which status may follow which; anything else is refused by services.transition().
    TRANSITIONS = {
        Status.RECEIVED: {Status.ENRICHED, Status.FLAGGED},
        Status.ENRICHED: {Status.DECIDED, Status.FLAGGED},
        Status.FLAGGED: {Status.DECIDED},
        Status.DECIDED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    FINAL_STATUSES = {Status.DECIDED, Status.CLOSED}

    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, related_name="case", verbose_name=_("submission")
    )
    reference = models.CharField(_("reference number"), max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case")
        ordering = ["-received_at"]

    def __str__(self):
        return self.reference


class Decision(models.Model):
    """The outcome of a case, with the rule-set version and the trace that explain it."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")
        # Until the eligibility rules land, the walking skeleton records only that the case
        # went through the whole pipeline.
        PROVISIONAL = "provisional", _("Provisional (no eligibility rules yet)")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    rule_set_version = models.CharField(_("rule-set version"), max_length=64)
    explanation = models.JSONField(_("explanation"), default=list)
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")

    def __str__(self):
        return f"{self.case.reference}: {self.get_outcome_display()}"


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
    data = models.JSONField(_("data"), default=dict)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        ordering = ["id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action}"
