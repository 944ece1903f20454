"""casework's submission guard: an applicant whose own application is still open (its case not
in a final status) can't file another for the same e-service. Submissions of one applicant are
checked one at a time (the lock key is the applicant's FİN), so two first applications sent at
once make one."""

from django.utils.translation import gettext as _

from forms_app.guards import SubmissionRefused, register_submission_guard

from .declaration import read_declaration
from .models import Case


def applicant_pin(service, answers) -> str | None:
    return read_declaration(answers).applicant.pin or None


def open_application_of_applicant(service, pin: str) -> str | None:
    """The reference of the applicant's oldest case not yet in a final status, of any language
    version of `service`: found by the applicant's member row (indexed by FİN), however many
    cases there are."""
    return (
        Case.objects.exclude(status__in=Case.FINAL_STATUSES)
        .filter(
            submission__service__translation_key=service.translation_key,
            members__pin=pin,
            members__is_applicant=True,
        )
        .order_by("received_at")
        .values_list("reference", flat=True)
        .first()
    )


@register_submission_guard("one_open_application", lock_key=applicant_pin)
def refuse_a_second_open_application(service, answers):
    pin = applicant_pin(service, answers)
    reference = open_application_of_applicant(service, pin) if pin else None
    if reference is not None:
        raise SubmissionRefused(
            _(
                "You already have an application that is being processed: %(reference)s. A new "
                "one can be made once it is decided; its status page shows where it is."
            )
            % {"reference": reference},
            reference=reference,
        )
