"""The caseworker's desk: a resolution a caseworker proposes for a flagged case (approved by a
Supervisor when it reverses what the rules decided on the registries' facts), requests for a
document, and the alerts the deadline raises."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .cases import Case
from .decisions import Decision


class Resolution(models.Model):
    """What a caseworker settled about a flagged case: facts overridden (named inputs of the
    rules, with a written reason), and the outcome the rules give on them."""

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting a supervisor's approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        APPLIED = "applied", _("Applied (no approval needed)")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="resolutions")
    overrides = models.JSONField(
        _("facts settled"),
        default=dict,
        blank=True,
        help_text=_('{"person:<FİN>:counted_in_family": false, "family:registry_vehicles": 0}'),
    )
    reason = models.TextField(_("reason"))
    outcome = models.CharField(
        _("outcome on the settled facts"), max_length=16, choices=Decision.Outcome.choices
    )
    monthly_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    grounds = models.JSONField(default=list, blank=True)
    automatic_outcome = models.CharField(
        _("outcome on the registries' facts"),
        max_length=16,
        choices=Decision.Outcome.choices,
        blank=True,
        help_text=_("Empty when the rules could not decide on the registries' facts alone."),
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("supervisor's note"), blank=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-proposed_at"]
        constraints = [
            # Four eyes, in the database: nobody approves (or rejects) their own proposal.
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=F("proposed_by")),
                name="resolution_reviewed_by_another_person",
            ),
            # At most one proposal waits for approval per case.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="awaiting_approval"),
                name="one_resolution_awaiting_approval_per_case",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.get_status_display()}"

    @property
    def reverses_the_rules(self) -> bool:
        return self.automatic_outcome != self.outcome


class DocumentRequest(models.Model):
    """A document a caseworker asked the applicant for (the clock keeps running)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="document_requests")
    what = models.TextField(_("document asked for"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.case.reference}: {self.what[:40]}"


class DeadlineAlert(models.Model):
    """A deadline's warning to a person, shown on their desk until they have seen it."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="alerts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_alerts"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("deadline alert")
        verbose_name_plural = _("deadline alerts")
        constraints = [
            models.UniqueConstraint(fields=["case", "user", "kind"], name="one_alert_per_kind")
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.kind} → {self.user}"
