"""Tells forms_app's status page (and the API) where a case is, and its decision."""

from django.utils.translation import gettext_lazy as _

from forms_app.status import DecisionSummary, SubmissionStatus, register_status_provider

from .models import Case, Decision
from .rules.explain import ground_text


@register_status_provider
def case_status(submission, language: str) -> SubmissionStatus | None:
    case = (
        Case.objects.filter(submission=submission)
        .select_related("decision__rule_set__parameters_version")
        .first()
    )
    if case is None:
        return None
    if case.status in Case.FINAL_STATUSES and hasattr(case, "decision"):
        decision = case.decision
        return SubmissionStatus(
            label=_("Decided: %(outcome)s") % {"outcome": decision.get_outcome_display()},
            final=True,
            code=case.status,
            decision=_summary(decision, language),
        )
    if case.status == Case.Status.FLAGGED:
        return SubmissionStatus(
            label=_("Being checked"),
            detail=_("A specialist is checking some of the information; no action is needed."),
            code=case.status,
        )
    return SubmissionStatus(
        label=_("Being processed"),
        detail=_("The information is being checked against the state registries."),
        code=case.status,
    )


def _summary(decision: Decision, language: str) -> DecisionSummary:
    return DecisionSummary(
        outcome=decision.outcome,
        label=str(decision.get_outcome_display()),
        monthly_amount=decision.monthly_amount,
        period_start=decision.period_start,
        period_end=decision.period_end,
        grounds=[(code, ground_text(code, language)) for code in decision.grounds],
        explanation=decision.explanation_in(language),
        rule_set_version=decision.rule_set.label,
        automatic=decision.decided_by_id is None,
    )
