"""casework's submission guard: an applicant whose own application is still open (its case not
in a final status) can't file another for the same e-service. Submissions of one applicant are
checked one at a time (the lock key is the applicant's FİN), so two first applications sent at
once make one."""

from django.db import connection
from django.utils.translation import gettext as _
from wagtail.models import Page

from forms_app.guards import SubmissionRefused, register_submission_guard
from forms_app.models import Submission

from .declaration import read_declaration
from .models import Case, CaseMember


def applicant_pin(service, answers) -> str | None:
    return read_declaration(answers).applicant.pin or None


def open_application_of_applicant(service, pin: str) -> str | None:
    """The reference of the applicant's oldest case not yet in a final status, of any language
    version of `service`: found by the applicant's member row (indexed by FİN), however many
    cases there are. Asked by every submission: one plain statement (building the ORM's query
    of four tables took longer than the database took to answer it)."""
    table = {
        name: connection.ops.quote_name(model._meta.db_table)
        for name, model in [("case", Case), ("member", CaseMember), ("submission", Submission)]
    }
    page = connection.ops.quote_name(Page._meta.db_table)
    final = sorted(Case.FINAL_STATUSES)
    translation_key = Page._meta.get_field("translation_key").get_db_prep_value(
        service.translation_key, connection
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.reference FROM {table['case']} c "  # noqa: S608
            f"JOIN {table['member']} m ON m.case_id = c.id "
            f"JOIN {table['submission']} s ON s.id = c.submission_id "
            f"JOIN {page} p ON p.id = s.service_id "
            "WHERE m.pin = %s AND m.is_applicant AND p.translation_key = %s "
            f"AND c.status NOT IN ({', '.join(['%s'] * len(final))}) "
            "ORDER BY c.received_at LIMIT 1",
            [pin, translation_key, *final],
        )
        row = cursor.fetchone()
    return row[0] if row else None


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
