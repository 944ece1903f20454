"""casework's submission action: every submitted declaration opens a case."""

from django.utils.translation import gettext_lazy as _

from forms_app.actions import register_submission_action

from .services import open_case


@register_submission_action("open_case", _("Open a case"))
def open_case_for_submission(submission):
    open_case(submission)
