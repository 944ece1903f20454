"""casework's submission action: every submitted declaration opens a case, which the pipeline
takes on once the submission has committed."""

from django.utils.translation import gettext_lazy as _

from forms_app.actions import register_submission_action

from . import pipeline
from .services import open_case


@register_submission_action("open_case", _("Open a case"))
def open_case_for_submission(submission):
    pipeline.start(open_case(submission))
