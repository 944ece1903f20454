"""The eligibility rules' parameters as data: editors propose changes to one snippet (drafts,
revisions, moderation); each publication freezes a `RuleParametersVersion` that never changes;
the rules in force on an application's date are that version with the formulas' hash
(`EligibilityRuleSet`), which every decision names."""

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

# A scalar parameter holds for any date this version is used for (its effective date decides
# which applications use it); only the yearly tables have dates of their own.
ALWAYS = "2000-01-01"


class NeedCriterionBlock(blocks.StructBlock):
    valid_from = blocks.DateBlock(label=_("from"))
    amount = blocks.DecimalBlock(
        label=_("AZN a person a month"), min_value=0, max_digits=8, decimal_places=2
    )

    class Meta:
        icon = "date"
        label = _("need criterion")


class SubsistenceMinimumBlock(blocks.StructBlock):
    """One year's subsistence minimum; a group left empty is not known for that year."""

    valid_from = blocks.DateBlock(label=_("from"))
    country_wide = blocks.DecimalBlock(
        label=_("country-wide"), min_value=0, decimal_places=2, required=False
    )
    working_age = blocks.DecimalBlock(
        label=_("working age"), min_value=0, decimal_places=2, required=False
    )
    pensioners = blocks.DecimalBlock(
        label=_("pensioners"), min_value=0, decimal_places=2, required=False
    )
    children = blocks.DecimalBlock(
        label=_("children"), min_value=0, decimal_places=2, required=False
    )

    class Meta:
        icon = "date"
        label = _("subsistence minimum")


class RuleParameters(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """The parameters of the targeted assistance rules as editors maintain them. Publishing
    (after moderation: one person proposes, another publishes) freezes a version."""

    title = models.CharField(_("title"), max_length=255)
    effective_from = models.DateField(
        _("in force for applications from"),
        help_text=_("Applications submitted on or after this day are decided with these figures."),
    )
    need_criterion = StreamField(
        [("year", NeedCriterionBlock())],
        verbose_name=_("need criterion by year"),
        help_text=_("Set yearly by the State Budget law."),
    )
    subsistence_minimum = StreamField(
        [("year", SubsistenceMinimumBlock())],
        verbose_name=_("subsistence minimum by year"),
        help_text=_("A year not listed takes the figure of the year before: list every year."),
    )
    utility_costs_share = models.DecimalField(
        _("utility and communication costs limit, share of the subsistence minimum"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        default=Decimal("0.15"),
    )
    deals_limit_in_subsistence_minimums = models.PositiveSmallIntegerField(
        _("purchases and sales limit, in subsistence minimums"), default=12
    )
    working_age_minimum = models.PositiveSmallIntegerField(_("working age from"), default=18)
    working_age_maximum = models.PositiveSmallIntegerField(
        _("working age up to and including"), default=64
    )
    student_age_limit = models.PositiveSmallIntegerField(
        _("full-time students count as studying up to the age of"), default=23
    )
    child_care_age = models.PositiveSmallIntegerField(
        _("caring for a child is a reason not to work while the child is younger than"), default=8
    )
    refused_job_offers_limit = models.PositiveSmallIntegerField(
        _("refused suitable job offers that refuse the family"), default=2
    )
    assignment_months = models.PositiveSmallIntegerField(
        _("months assistance is assigned for"), default=12
    )
    false_information_bar_months = models.PositiveSmallIntegerField(
        _("months false information bars a new application"), default=12
    )
    undeclared_income_tolerance = models.DecimalField(
        _("undeclared income tolerance (AZN a month)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("10"),
        help_text=_(
            "Registry income above the declared by no more than this a month (on the 12 months' "
            "average) is rounding, not false information."
        ),
    )
    notes = models.TextField(_("legal basis and reasons for the change"), blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="rule_parameters")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="rule_parameters",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("effective_from"),
        FieldPanel("need_criterion"),
        FieldPanel("subsistence_minimum"),
        MultiFieldPanel(
            [
                FieldPanel("utility_costs_share"),
                FieldPanel("deals_limit_in_subsistence_minimums"),
                FieldPanel("undeclared_income_tolerance"),
            ],
            heading=_("Limits"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("working_age_minimum"), FieldPanel("working_age_maximum")]
                ),
                FieldPanel("student_age_limit"),
                FieldPanel("child_care_age"),
                FieldPanel("refused_job_offers_limit"),
            ],
            heading=_("Work"),
        ),
        MultiFieldPanel(
            [FieldPanel("assignment_months"), FieldPanel("false_information_bar_months")],
            heading=_("Periods"),
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("rule parameters")
        verbose_name_plural = _("rule parameters")

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if self.working_age_minimum > self.working_age_maximum:
            raise ValidationError(
                {"working_age_maximum": _("The working age can't end before it starts.")}
            )

    def parameter_values(self) -> dict[str, dict[str, float | None]]:
        """`{parameter name: {"YYYY-MM-DD": value}}` as casework.rules.parameters names them."""
        values: dict[str, dict[str, float | None]] = {
            "need_criterion": {},
            "subsistence_minimum.country_wide": {},
            "subsistence_minimum.working_age": {},
            "subsistence_minimum.pensioners": {},
            "subsistence_minimum.child": {},
        }
        for year in self.need_criterion:
            values["need_criterion"][year.value["valid_from"].isoformat()] = _number(
                year.value["amount"]
            )
        for year in self.subsistence_minimum:
            day = year.value["valid_from"].isoformat()
            for group, name in (
                ("country_wide", "country_wide"),
                ("working_age", "working_age"),
                ("pensioners", "pensioners"),
                ("children", "child"),
            ):
                values[f"subsistence_minimum.{name}"][day] = _number(year.value[group])
        for name, field in (
            ("utility_costs_share", "utility_costs_share"),
            ("deals_limit_in_subsistence_minimums", "deals_limit_in_subsistence_minimums"),
            ("working_age.minimum", "working_age_minimum"),
            ("working_age.maximum", "working_age_maximum"),
            ("student_age_limit", "student_age_limit"),
            ("child_care_age", "child_care_age"),
            ("refused_job_offers_limit", "refused_job_offers_limit"),
            ("assignment_months", "assignment_months"),
            ("false_information_bar_months", "false_information_bar_months"),
            ("undeclared_income_tolerance", "undeclared_income_tolerance"),
        ):
            values[name] = {ALWAYS: _number(getattr(self, field))}
        return values


def _number(value) -> float | int | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


class RuleParametersVersion(models.Model):
    """A published set of parameters, frozen: decisions name it forever."""

    parameters = models.ForeignKey(
        RuleParameters, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("in force for applications from"))
    values = models.JSONField(_("values"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author of the published revision"),
    )

    class Meta:
        verbose_name = _("rule parameters version")
        verbose_name_plural = _("rule parameters versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["parameters", "number"], name="unique_rule_parameters_version"
            )
        ]

    def __str__(self):
        return f"{self.parameters.title} v{self.number}"

    @staticmethod
    def hash_values(values: dict, effective_from) -> str:
        text = json.dumps({"values": values, "from": str(effective_from)}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


class EligibilityRuleSet(models.Model):
    """The rules a decision was taken with: a parameters version and the formulas' source."""

    parameters_version = models.ForeignKey(
        RuleParametersVersion, on_delete=models.PROTECT, related_name="rule_sets"
    )
    formulas_hash = models.CharField(_("formulas' hash"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("eligibility rule set")
        verbose_name_plural = _("eligibility rule sets")
        constraints = [
            models.UniqueConstraint(
                fields=["parameters_version", "formulas_hash"], name="unique_rule_set"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"P{self.parameters_version.number}-{self.formulas_hash[:8]}"
