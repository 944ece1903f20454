"""A case: one declaration on its way to a decision."""

from django.db import models
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
    household = models.JSONField(
        _("household snapshot"),
        null=True,
        blank=True,
        help_text=_("What the registries say about the family, normalised."),
    )
    discrepancies = models.JSONField(
        _("discrepancies"),
        default=list,
        blank=True,
        help_text=_("Where the declaration and the registries disagree."),
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at"]

    def __str__(self):
        return self.reference


class CaseMember(models.Model):
    """A person declared in a case's family, by FİN: how a family's other applications and
    earlier decisions are found."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    pin = models.CharField(_("FİN"), max_length=7, db_index=True)
    is_applicant = models.BooleanField(_("applicant"), default=False)

    class Meta:
        verbose_name = _("case member")
        verbose_name_plural = _("case members")

    def __str__(self):
        return f"{self.case_id}: {self.pin}"
