"""Tells forms_app's status page (and the API) where a case is, and its decision."""

from django.utils.translation import gettext_lazy as _

from forms_app.models import IssuedDocument
from forms_app.services import document_link
from forms_app.status import DecisionSummary, SubmissionStatus, register_status_provider

from .models import Case, Decision, Notice
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
    common = {"code": case.status, "due_date": case.due_date, "notice": _notice(case)}
    if case.status in Case.FINAL_STATUSES and hasattr(case, "decision"):
        decision = case.decision
        letter = IssuedDocument.objects.filter(
            submission=submission, kind=IssuedDocument.Kind.LETTER
        ).exists()
        return SubmissionStatus(
            label=_("Decided: %(outcome)s") % {"outcome": decision.get_outcome_display()},
            final=True,
            decision=_summary(decision, language),
            letter_url=document_link(submission, IssuedDocument.Kind.LETTER) if letter else None,
            **common,
        )
    if case.status == Case.Status.FLAGGED:
        requested = case.document_requests.order_by("-requested_at").first()
        return SubmissionStatus(
            label=_("Being checked"),
            detail=(
                _("A specialist asks for a document: %(what)s") % {"what": requested.what}
                if requested
                else _("A specialist is checking some of the information; no action is needed.")
            ),
            **common,
        )
    if case.status == Case.Status.WAITING:
        return SubmissionStatus(
            label=_("Being processed"),
            detail=_(
                "A state registry has not answered yet; it is asked again automatically. "
                "No action is needed."
            ),
            **common,
        )
    return SubmissionStatus(
        label=_("Being processed"),
        detail=_("The information is being checked against the state registries."),
        **common,
    )


def _notice(case: Case) -> str:
    """The newest notice: over which channel, and what became of it."""
    notice = case.notices.order_by("-created_at").first()
    if notice is None or notice.channel == Notice.Channel.STATUS_PAGE:
        return ""
    return _("%(kind)s: %(channel)s, %(status)s") % {
        "kind": notice.get_kind_display(),
        "channel": notice.get_channel_display(),
        "status": notice.get_status_display().lower(),
    }


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
