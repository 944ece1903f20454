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
from .documents import store
from .models import Draft, IssuedDocument, Submission
from .personal_data import accessed
from .plugins import get_prefill_source, get_service_tool, service_tools
from .presenters import answer_items
from .schema.definition import localised
from .schema.engine import StepForm, form_data_for_step, visible_steps
from .status import status_of
from .validators import normalise_pin

DRAFTS_KEY = "forms_app:drafts"  # {service translation key: draft public id}
ACTIVITY_KEY = "forms_app:activity"  # {service translation key: last request (epoch seconds)}
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
            "tools": service_tools(),
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
    _touch(request, page)
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
    """The draft this browser is filling in, unless it was left idle longer than the session
    timeout (a shared computer at a post office or a library): then it is let go of, and only
    its resume link opens it again."""
    key = str(page.translation_key)
    public_id = request.session.get(DRAFTS_KEY, {}).get(key)
    if not public_id:
        return None
    last_seen = request.session.get(ACTIVITY_KEY, {}).get(key, time.time())
    if time.time() - last_seen > _idle_seconds():
        _forget_draft(request, page)
        return None
    draft = selectors.get_open_draft(page, public_id)
    if draft is not None:
        _touch(request, page)
    return draft


def _idle_seconds() -> int:
    return settings.FORMS_APP["DRAFT_IDLE_MINUTES"] * 60


def _touch(request, page):
    request.session.setdefault(ACTIVITY_KEY, {})[str(page.translation_key)] = time.time()
    request.session.modified = True


def _forget_draft(request, page):
    for key in (DRAFTS_KEY, ACTIVITY_KEY):
        request.session.get(key, {}).pop(str(page.translation_key), None)
    request.session.modified = True


def session_timeout_context(page) -> dict:
    """What the page's script needs to warn before the idle timeout closes the application."""
    warning = settings.FORMS_APP["DRAFT_IDLE_WARNING_MINUTES"]
    return {
        "seconds": _idle_seconds(),
        "warning_seconds": warning * 60,
        "warning_minutes": warning,
        "keepalive_url": _url(page, "keepalive"),
    }


@require_POST
def keepalive(request, page):
    """ "Continue the application" in the timeout warning: the draft stays open."""
    if _session_draft(request, page) is None:
        return HttpResponse(status=410)
    return HttpResponse(status=204)


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

    language = translation.get_language()
    action = request.POST.get("action", "") if request.method == "POST" else ""
    data = files = None
    if request.method == "POST":
        data, files = _edit_groups(request.POST.copy(), action), request.FILES
    elif request.GET.get("show_errors"):
        data = form_data_for_step(current, draft.answers)  # why the final check failed
    step_form = StepForm(
        definition,
        current,
        language=language,
        answers=draft.answers,
        channel=draft.channel,
        data=data,
        files=files,
    )
    editing_groups = action.startswith(GROUP_ACTIONS) or action == "keep"
    if request.method == "POST" and not editing_groups:
        valid = step_form.is_valid()
        if valid:
            draft = services.save_step(
                draft, current.name, step_form.cleaned_answers(), language=language
            )
        elif action == "save":
            # Save and come back later keeps what is valid; the step is left to finish.
            draft = services.save_partial_step(
                draft, current.name, step_form.cleaned_answers(), language=language
            )
        if action == "save":
            return HttpResponseRedirect(_url(page, "save_for_later"))
        if valid and request.GET.get("return") == "check":
            return HttpResponseRedirect(_url(page, "check_answers"))
        if valid:
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
            "confirm_remove": _removal_to_confirm(action),
            "language": language,
            "session_timeout": session_timeout_context(page),
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


GROUP_ACTIONS = ("add:", "remove:", "confirm-remove:")


def _removal_to_confirm(action) -> dict | None:
    """ "Remove" asks first: the item whose removal the page asks to confirm."""
    if not action.startswith("remove:"):
        return None
    group, _sep, index = action[len("remove:") :].rpartition(":")
    return {"group": group, "index": int(index)} if index.isdigit() else None


def _edit_groups(data, action):
    """Without JavaScript, "Add another" and "Remove" (once confirmed) are submit buttons
    handled here."""
    if action.startswith("add:"):
        prefix = action[4:]
        key = f"{prefix}-TOTAL_FORMS"
        if key in data and data[key].isdigit():
            data[key] = str(int(data[key]) + 1)
    elif action.startswith("confirm-remove:"):
        prefix, _sep, index = action[len("confirm-remove:") :].rpartition(":")
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
        _forget_draft(request, page)
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
                    "rows": [
                        {"label": label, "value": value, "anchor": f"field-{name}"}
                        for label, value, name in answer_items(s, draft.answers, language)
                    ],
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
    _touch(request, page)
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
            "print_url": _url(page, "receipt", submission.public_id, query=_print_query(request)),
            "assisted": submission.channel == Submission.Channel.POST_OFFICE,
            "is_operator": is_operator(request.user),
        },
    )


def _token_query(request):
    token = request.GET.get("t")
    return f"?t={token}" if token else ""


def _print_query(request):
    token = request.GET.get("t")
    return f"?print=1&t={token}" if token else "?print=1"


@never_cache
def receipt(request, page, public_id):
    """The receipt, issued once and served from storage ever after."""
    submission = _get_submission(request, page, public_id)
    document = store.issue(submission, IssuedDocument.Kind.RECEIPT)
    accessed(Submission, user=request.user, action="downloaded", references=[submission.reference])
    # ?print=1 opens it in the browser, ready to print (the counter's receipt); else a download.
    return pdf_response(document, inline=bool(request.GET.get("print")))


def issued_document(request, page, public_id, kind):
    """A document already issued for a submission (its decision letter), through a signed link
    from the status page or the API. Nothing is rendered here."""
    submission = selectors.get_submission_for_service(page, public_id)
    token = request.GET.get("t", "")
    if submission is None or not services.document_token_opens(token, submission, kind):
        raise Http404
    document = IssuedDocument.objects.filter(submission=submission, kind=kind).first()
    if document is None:
        raise Http404
    return pdf_response(document)


def pdf_response(document, *, inline=False) -> HttpResponse:
    response = HttpResponse(store.read(document), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
    # Personal: no browser or proxy keeps a copy.
    response["Cache-Control"] = "no-store"
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
    """Reference + the applicant's FİN show the application's status. A wrong pair says only
    "no match", so references can't be probed, and look-ups that matched nothing are counted
    per address and per reference: too many answer 429 with Retry-After. Look-ups that found
    the application are never counted, and a post office (its operators, its addresses) is
    never locked out per address by its own queue of citizens."""
    form = StatusForm(request.POST or None, initial={"reference": request.GET.get("reference")})
    context = {"page": page, "form": form}
    if request.method == "POST" and form.is_valid():
        address = ratelimit.client_ip(request)
        post_office = is_operator(request.user) or ratelimit.in_networks(
            address, settings.FORMS_APP["STATUS_TRUSTED_NETWORKS"]
        )
        try:
            submission = services.look_up_status(
                page,
                form.cleaned_data["reference"],
                form.cleaned_data["pin"],
                address=address,
                post_office=post_office,
            )
        except services.TooManyLookups as too_many:
            return _too_many_attempts(request, context, form, too_many.wait)
        if submission:
            context.update(
                submission=submission,
                status=status_of(submission, translation.get_language()),
            )
        else:
            form.add_error(None, _("No application matches this reference number and FİN."))
    return TemplateResponse(request, "forms_app/status.html", context)


def _too_many_attempts(request, context, form, wait):
    minutes = max(1, -(-wait // 60))
    form.add_error(
        None,
        ngettext(
            "Too many look-ups matched nothing. Try again in %(m)s minute.",
            "Too many look-ups matched nothing. Try again in %(m)s minutes.",
            minutes,
        )
        % {"m": minutes},
    )
    response = TemplateResponse(request, "forms_app/status.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


# Tools other apps offer beside the form ----------------------------------------------------------


def service_tool(request, page, name):
    tool = get_service_tool(name)
    if tool is None:
        raise Http404
    return tool.view(request, page)
