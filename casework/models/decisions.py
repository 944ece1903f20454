"""Decisions, and everything they were decided with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import fields
from .cases import Case
from .rules import EligibilityRuleSet


class Decision(models.Model):
    """The outcome of a case: the amount and period, or every ground of refusal; the rule set, the
    facts the rules were given and their trace, and an explanation a citizen can follow."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    monthly_amount = models.DecimalField(
        _("monthly amount (AZN)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    period_start = models.DateField(_("assigned from"), null=True, blank=True)
    period_end = models.DateField(_("assigned until"), null=True, blank=True)
    grounds = fields.JSONField(_("grounds of refusal"), default=list, blank=True)
    rule_set = models.ForeignKey(
        EligibilityRuleSet,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("rule set"),
    )
    facts = fields.JSONField(_("facts the rules were given"))
    trace = fields.JSONField(_("the rules' computation trace"), default=dict)
    explanation = fields.JSONField(
        _("explanation"), default=dict, help_text=_("{language: [sentence, …]}")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
        help_text=_("Empty when the rules decided by themselves."),
    )
    resolution = models.OneToOneField(
        "casework.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
        verbose_name=_("caseworker's resolution"),
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["outcome", "decided_at"]),
            # Decisions a day, and the share in time, over the SLA board's recent days.
            models.Index(fields=["decided_at"], name="decision_decided_at"),
        ]

    def __str__(self):
        return f"{self.case.reference}: {self.get_outcome_display()}"

    def explanation_in(self, language: str) -> list[str]:
        return self.explanation.get(language[:2]) or self.explanation.get("az", [])
