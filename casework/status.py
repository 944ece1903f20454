"""Tells forms_app's status page where a case is."""

from django.utils.translation import gettext_lazy as _

from forms_app.status import SubmissionStatus, register_status_provider

from .models import Case


@register_status_provider
def case_status(submission) -> SubmissionStatus | None:
    case = Case.objects.filter(submission=submission).select_related("decision").first()
    if case is None:
        return None
    if case.status in Case.FINAL_STATUSES and hasattr(case, "decision"):
        outcome = case.decision.get_outcome_display()
        return SubmissionStatus(
            label=_("Decided: %(outcome)s") % {"outcome": outcome},
            detail=_("The decision was also sent over the channel chosen in the declaration."),
            final=True,
        )
    if case.status == Case.Status.FLAGGED:
        return SubmissionStatus(
            label=_("Being checked"),
            detail=_("A specialist is checking some of the information; no action is needed."),
        )
    return SubmissionStatus(
        label=_("Being processed"),
        detail=_("The information is being checked against the state registries."),
    )
