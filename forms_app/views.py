"""The citizen's path through an e-service: fill in, submit, confirmation, receipt, verification.

Called from EServicePage's routes; each view is thin and calls services and selectors.
"""

import uuid

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .forms import ApplicantDeclarationForm

SUBMISSION_FAILED = _(
    "Your declaration could not be saved and nothing was recorded. Please try again in a few "
    "minutes; your answers are still here."
)


def declaration(request, page):
    if not page.accepting_applications:
        return TemplateResponse(request, "forms_app/service_closed.html", {"page": page})
    form = ApplicantDeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submit_declaration(
                page,
                form.cleaned_data,
                channel="online",
                language=translation.get_language(),
                idempotency_key=request.POST.get("idempotency_key", "")[:128],
            )
        except services.ServiceClosed:
            return TemplateResponse(request, "forms_app/service_closed.html", {"page": page})
        except services.SubmissionFailed:
            form.add_error(None, SUBMISSION_FAILED)
        else:
            url = page.url + page.reverse_subpage("confirmation", args=[submission.public_id])
            return HttpResponseRedirect(url)
    # A key per rendering of the form: a double click or a browser retry submits once.
    key = request.POST.get("idempotency_key") or uuid.uuid4().hex
    return page.render(request, context_overrides={"form": form, "idempotency_key": key})


def confirmation(request, page, public_id):
    submission = _get_submission(page, public_id)
    receipt_url = page.url + page.reverse_subpage("receipt", args=[submission.public_id])
    return TemplateResponse(
        request,
        "forms_app/confirmation.html",
        {"page": page, "submission": submission, "receipt_url": receipt_url},
    )


def receipt(request, page, public_id):
    from .documents.receipts import render_receipt

    submission = _get_submission(page, public_id)
    verify_url = request.build_absolute_uri(
        page.url + page.reverse_subpage("verify", args=[submission.reference, submission.digest])
    )
    with translation.override(submission.language):
        rows = _answer_rows(submission)
    pdf = render_receipt(submission, verify_url=verify_url, answer_rows=rows)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{submission.reference}.pdf"'
    return response


def verify(request, page, reference, digest):
    """Anyone holding a receipt can check it; the page shows no personal data."""
    submission = selectors.get_submission_by_reference(page, reference)
    genuine = submission is not None and submission.digest == digest
    return TemplateResponse(
        request,
        "forms_app/verify.html",
        {"page": page, "reference": reference, "genuine": genuine, "submission": submission},
        status=200 if genuine else 404,
    )


def _get_submission(page, public_id):
    submission = selectors.get_submission_for_service(page, public_id)
    if submission is None:
        raise Http404
    return submission


def _answer_rows(submission) -> list[tuple[str, str]]:
    form = ApplicantDeclarationForm()
    rows = []
    for name, field in form.fields.items():
        value = submission.answers.get(name)
        if value not in (None, ""):
            rows.append((str(field.label), str(value)))
    return rows
