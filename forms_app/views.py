"""The citizen's (or post-office operator's) path through an e-service: start, one step per page,
check your answers, submit, confirmation, receipt. Called from EServicePage's routes only; each
view is thin and calls services, selectors and presenters. Every page that shows a person's
answers is never cached (`Cache-Control: no-store`): at a post office the next citizen uses the
same browser."""

import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import ratelimit, selectors, services
from .models import Draft, Submission
from .personal_data import accessed
from .plugins import get_prefill_source
from .presenters import answer_rows, submission_rows
from .schema.definition import localised
from .schema.engine import StepForm, form_data_for_step, visible_steps
from .status import status_of
from .validators import normalise_pin

DRAFTS_KEY = "forms_app:drafts"  # {service translation key: draft public id}
SUBMITTED_KEY = "forms_app:submitted"  # {submission public id: access expiry (epoch seconds)}

SUBMISSION_FAILED = _(
    "Your declaration could not be saved and nothing was recorded. Please try again in a few "
    "minutes; your answers are still here."
)
SESSION_ENDED = _(
    "Your application session has ended. Start again, or open the link you saved to continue."
)
OTHER_DRAFT = _("That page belonged to another application, so nothing was saved from it.")


def is_operator(user) -> bool:
    return user.is_authenticated and user.has_perm("forms_app.submit_on_behalf")


def _url(page, route, *args, query=""):
    return page.url + page.reverse_subpage(route, args=list(args)) + query


# Service page and start ------------------------------------------------------------------------


def service(request, page):
    draft = _session_draft(request, page)
    return page.render(
        request,
        context_overrides={
            "version": page.current_form_version(),
            "draft": draft,
            "is_operator": is_operator(request.user),
        },
    )


@require_POST
@never_cache
def start(request, page):
    version = page.current_form_version()
    if version is None or not page.accepting_applications:
        return TemplateResponse(request, "forms_app/service_closed.html", {"page": page})
    channel, branch, operator = Submission.Channel.ONLINE, "", None
    if is_operator(request.user):
        profile = selectors.get_operator_profile(request.user)
        if profile is None:
            messages.error(request, _("Ask an administrator to set your post-office branch."))
            return HttpResponseRedirect(page.url)
        channel, branch, operator = Submission.Channel.POST_OFFICE, profile.branch, request.user
        # An operator serves one citizen after another: the last one's receipt is closed now.
        request.session[SUBMITTED_KEY] = {}
    draft, _token = services.start_draft(
        page,
        version,
        prefill=prefilled_answers(request, version.definition),
        channel=channel,
        language=translation.get_language(),
        operator=operator,
        branch=branch,
    )
    request.session.setdefault(DRAFTS_KEY, {})[str(page.translation_key)] = str(draft.public_id)
    request.session.modified = True
    first = visible_steps(version.definition, {}, channel)[0]
    return HttpResponseRedirect(_url(page, "step", first.name))


def prefilled_answers(request, definition) -> dict:
    """First values from the fields' prefill sources (top-level fields only)."""
    answers = {}
    for path, field in definition.all_fields():
        source = get_prefill_source(field.options.get("prefill") or "")
        if source and "[]" not in path and (value := source.value(request)) is not None:
            answers[path] = value
    return answers


def _session_draft(request, page) -> Draft | None:
    public_id = request.session.get(DRAFTS_KEY, {}).get(str(page.translation_key))
    if not public_id:
        return None
    return selectors.get_open_draft(page, public_id)


def _require_draft(request, page):
    draft = _session_draft(request, page)
    if draft is None:
        messages.warning(request, SESSION_ENDED)
    return draft


# Steps -----------------------------------------------------------------------------------------


@never_cache
def step(request, page, step_name):
    draft = _require_draft(request, page)
    if draft is None:
        return HttpResponseRedirect(page.url)
    definition = draft.form_version.definition
    steps = visible_steps(definition, draft.answers, draft.channel)
    current = next((s for s in steps if s.name == step_name), None)
    if current is None:
        raise Http404
    if request.method == "POST" and request.POST.get("draft") != str(draft.public_id):
        messages.warning(request, OTHER_DRAFT)
        return HttpResponseRedirect(_url(page, "step", step_name))

    action = request.POST.get("action", "") if request.method == "POST" else ""
    data = files = None
    if request.method == "POST":
        data, files = _edit_groups(request.POST.copy(), action), request.FILES
    elif request.GET.get("show_errors"):
        data = form_data_for_step(current, draft.answers)  # why the final check failed
    step_form = StepForm(
        definition,
        current,
        language=translation.get_language(),
        answers=draft.answers,
        channel=draft.channel,
        data=data,
        files=files,
    )
    editing_groups = action.startswith(("add:", "remove:"))
    if request.method == "POST" and not editing_groups and step_form.is_valid():
        draft = services.save_step(draft, current.name, step_form.cleaned_answers())
        if action == "save":
            return HttpResponseRedirect(_url(page, "save_for_later"))
        if request.GET.get("return") == "check":
            return HttpResponseRedirect(_url(page, "check_answers"))
        return HttpResponseRedirect(_next_url(page, draft, current.name))

    index = steps.index(current)
    back = _url(page, "step", steps[index - 1].name) if index else page.url
    return TemplateResponse(
        request,
        "forms_app/step.html",
        {
            "page": page,
            "draft": draft,
            "step": current,
            "step_form": step_form,
            "step_number": index + 1,
            "step_count": len(steps),
            "back_url": back,
            "show_errors": step_form.is_bound and not editing_groups,
            "language": translation.get_language(),
        },
    )


def _next_url(page, draft, step_name):
    steps = visible_steps(draft.form_version.definition, draft.answers, draft.channel)
    names = [s.name for s in steps]
    later = names[names.index(step_name) + 1 :] if step_name in names else names
    pending = [n for n in later if n not in draft.completed_steps]
    if pending or later:
        return _url(page, "step", (pending or later)[0])
    return _url(page, "check_answers")


def _edit_groups(data, action):
    """Without JavaScript, "Add another" and "Remove" are submit buttons handled here."""
    if action.startswith("add:"):
        prefix = action[4:]
        key = f"{prefix}-TOTAL_FORMS"
        if key in data and data[key].isdigit():
            data[key] = str(int(data[key]) + 1)
    elif action.startswith("remove:"):
        prefix, _sep, index = action[7:].rpartition(":")
        key = f"{prefix}-TOTAL_FORMS"
        if key in data and data[key].isdigit() and index.isdigit():
            total, removed = int(data[key]), int(index)
            for i in range(removed, total):
                for name in [k for k in data if k.startswith(f"{prefix}-{i}-")]:
                    field = name[len(f"{prefix}-{i}-") :]
                    data.pop(name)
                    following = f"{prefix}-{i + 1}-{field}"
                    if following in data:
                        data.setlist(name, data.getlist(following))
            data[key] = str(max(total - 1, 0))
    return data


# Check your answers and submit -----------------------------------------------------------------


@never_cache
def check_answers(request, page):
    draft = _require_draft(request, page)
    if draft is None:
        return HttpResponseRedirect(page.url)
    definition = draft.form_version.definition
    steps = visible_steps(definition, draft.answers, draft.channel)
    missing = [s for s in steps if s.name not in draft.completed_steps]
    if missing:
        return HttpResponseRedirect(_url(page, "step", missing[0].name))

    if request.method == "POST":
        if request.POST.get("draft") != str(draft.public_id):
            messages.warning(request, OTHER_DRAFT)
            return HttpResponseRedirect(_url(page, "check_answers"))
        try:
            submission = services.submit_draft(draft)
        except services.InvalidAnswers as invalid:
            first_path = next(iter(invalid.errors))
            step_name = _step_of_path(definition, first_path) or steps[0].name
            messages.error(request, _("Some answers need correcting before you submit."))
            return HttpResponseRedirect(_url(page, "step", step_name, query="?show_errors=1"))
        except services.ServiceClosed:
            return TemplateResponse(request, "forms_app/service_closed.html", {"page": page})
        except services.SubmissionRefused as refusal:
            messages.error(request, refusal.message)
            return HttpResponseRedirect(_url(page, "check_answers"))
        except services.SubmissionFailed:
            messages.error(request, SUBMISSION_FAILED)
            return HttpResponseRedirect(_url(page, "check_answers"))
        _grant_receipt_access(request, submission)
        request.session.get(DRAFTS_KEY, {}).pop(str(page.translation_key), None)
        request.session.modified = True
        return HttpResponseRedirect(_url(page, "confirmation", submission.public_id))

    language = translation.get_language()
    return TemplateResponse(
        request,
        "forms_app/check_answers.html",
        {
            "page": page,
            "draft": draft,
            "sections": [
                {
                    "step": s,
                    "title": localised(s.title, language),
                    "rows": answer_rows(s, draft.answers, language),
                    "change_url": _url(page, "step", s.name, query="?return=check"),
                }
                for s in steps
            ],
        },
    )


def _step_of_path(definition, path):
    name = path.split("[")[0].split(".")[0]
    for s in definition.steps:
        if any(item.name == name for item in s.items) or s.name == name:
            return s.name
    return None


# Save and resume -------------------------------------------------------------------------------


@never_cache
def save_for_later(request, page):
    draft = _require_draft(request, page)
    if draft is None:
        return HttpResponseRedirect(page.url)
    token, expires_at = services.renew_draft_token(draft)
    resume_url = request.build_absolute_uri(_url(page, "resume", token))
    sent_to = services.send_resume_link(draft, resume_url)
    return TemplateResponse(
        request,
        "forms_app/saved.html",
        {
            "page": page,
            "resume_url": resume_url,
            "sent_to": sent_to,
            "expires_at": expires_at,
        },
    )


@never_cache
def resume(request, page, token):
    draft = services.find_draft_by_token(page, token)
    if draft is None:
        return TemplateResponse(
            request, "forms_app/resume_invalid.html", {"page": page}, status=404
        )
    request.session.setdefault(DRAFTS_KEY, {})[str(page.translation_key)] = str(draft.public_id)
    request.session.modified = True
    return HttpResponseRedirect(_url(page, "check_answers"))


# Confirmation, receipt and verification --------------------------------------------------------


def _grant_receipt_access(request, submission):
    minutes = services.receipt_access_minutes()
    request.session.setdefault(SUBMITTED_KEY, {})[str(submission.public_id)] = (
        time.time() + minutes * 60
    )
    request.session.modified = True


def _can_open(request, submission) -> bool:
    expiry = request.session.get(SUBMITTED_KEY, {}).get(str(submission.public_id))
    if expiry and expiry > time.time():
        return True
    return services.receipt_token_opens(request.GET.get("t", ""), submission)


def _get_submission(request, page, public_id):
    submission = selectors.get_submission_for_service(page, public_id)
    if submission is None or not _can_open(request, submission):
        raise Http404
    return submission


@never_cache
def confirmation(request, page, public_id):
    submission = _get_submission(request, page, public_id)
    receipt_url = _url(page, "receipt", submission.public_id, query=_token_query(request))
    return TemplateResponse(
        request,
        "forms_app/confirmation.html",
        {
            "page": page,
            "submission": submission,
            "receipt_url": receipt_url,
            "assisted": submission.channel == Submission.Channel.POST_OFFICE,
        },
    )


def _token_query(request):
    token = request.GET.get("t")
    return f"?t={token}" if token else ""


@never_cache
def receipt(request, page, public_id):
    from .documents.receipts import render_receipt

    submission = _get_submission(request, page, public_id)
    verify_url = request.build_absolute_uri(
        _url(page, "verify", submission.reference, submission.digest)
    )
    with translation.override(submission.language):
        rows = submission_rows(submission)
    pdf = render_receipt(submission, verify_url=verify_url, answer_rows=rows)
    accessed(Submission, user=request.user, action="downloaded", references=[submission.reference])
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


# Status ----------------------------------------------------------------------------------------


class StatusForm(forms.Form):
    reference = forms.CharField(label=_("Reference number"), max_length=32)
    pin = forms.CharField(label=_("FİN of the applicant"), max_length=16)

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()

    def clean_pin(self):
        return normalise_pin(self.cleaned_data["pin"])


@never_cache
def status(request, page):
    """Reference + the applicant's FİN show the application's status. Rate-limited per client,
    and a wrong pair says only "no match", so references can't be probed."""
    form = StatusForm(request.POST or None, initial={"reference": request.GET.get("reference")})
    context = {"page": page, "form": form}
    if request.method == "POST" and form.is_valid():
        limits = settings.FORMS_APP
        wait = ratelimit.hit(
            f"status:{ratelimit.client_ip(request)}",
            limit=limits["STATUS_ATTEMPTS"],
            window_seconds=limits["STATUS_WINDOW"],
        )
        if wait:
            form.add_error(
                None,
                ngettext(
                    "Too many attempts. Try again in %(m)s minute.",
                    "Too many attempts. Try again in %(m)s minutes.",
                    max(1, wait // 60),
                )
                % {"m": max(1, wait // 60)},
            )
            return TemplateResponse(request, "forms_app/status.html", context, status=429)
        submission = services.find_submission_for_status(
            page, form.cleaned_data["reference"], form.cleaned_data["pin"]
        )
        if submission:
            context.update(submission=submission, status=status_of(submission))
        else:
            form.add_error(None, _("No application matches this reference number and FİN."))
    return TemplateResponse(request, "forms_app/status.html", context)
