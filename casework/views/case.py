"""A case's page and what can be done on it. Each action is a POST that calls one service and
comes back to the page with what happened; a refused action says why."""

import json

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from ..forms import DocumentRequestForm, ReasonForm, ReassignForm, ResolutionForm
from ..models import AuditEvent, DeadlineAlert, LookupOutcome, RegistryLookup, Resolution
from ..presenters import (
    declaration_rows,
    family_side_by_side,
    newest_lookups,
    people_side_by_side,
    timeline_rows,
    trace_rows,
    verdict,
)
from ..rules.explain import explain
from ..services import desk
from ..services.decisions import case_facts, evaluate_cases
from .permissions import case_for


def case_page(request, pk, resolution_form=None):
    case = case_for(request.user, pk)
    user = request.user
    language = translation.get_language()[:2]
    DeadlineAlert.objects.filter(case=case, user=user, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )
    lookups = newest_lookups(case)
    context = {
        "case": case,
        "page_title": case.reference,
        "page_subtitle": case.get_status_display(),
        "header_icon": "folder-open-inverse",
        "days_left": desk.days_left(case),
        "flags": list(case.flags.all()),
        "declaration": declaration_rows(case, language),
        "people": people_side_by_side(case),
        "family": family_side_by_side(case),
        "lookups": lookups,
        "timeline": timeline_rows(AuditEvent.objects.filter(case=case).select_related("actor")),
        "resolutions": case.resolutions.select_related("proposed_by", "reviewed_by"),
        "document_requests": case.document_requests.select_related("requested_by"),
        "is_holder": case.holder_id == user.pk,
        "can_claim": desk.can_work(user) and case.holder_id is None and case.status == "flagged",
        "can_supervise": desk.can_supervise(user),
        "registries": sorted({row.lookup.registry for row in lookups}),
        "decision": None,
        "assessment": None,
    }
    if hasattr(case, "decision"):
        decision = case.decision
        context["decision"] = verdict(
            {
                "outcome": decision.outcome,
                "monthly_amount": decision.monthly_amount,
                "grounds": decision.grounds,
            },
            language,
            decision.explanation_in(language),
        )
        context["trace"] = trace_rows(decision.trace)
    elif case.household is not None:
        # What the rules give on the registries' facts alone, computed now: the baseline a
        # caseworker's resolution is compared with.
        (evaluation,) = evaluate_cases([case])
        if evaluation.assessment:
            assessment = evaluation.assessment
            sentences = explain(assessment.trace, evaluation.facts, assessment.grounds)
            context["assessment"] = verdict(
                {
                    "outcome": assessment.outcome,
                    "monthly_amount": assessment.monthly_benefit if assessment.granted else None,
                    "grounds": assessment.grounds,
                },
                language,
                sentences[language] if language in sentences else sentences["az"],
            )
            context["trace"] = trace_rows(assessment.trace)
        context["assessment_problem"] = evaluation.problem
        if context["is_holder"] and case.status == "flagged":
            names = {row.pin: row.declared[0][1] for row in context["people"]}
            context["resolution_form"] = resolution_form or ResolutionForm(
                facts=case_facts(case), names=names
            )
            context["reason_form"] = ReasonForm()
            context["document_form"] = DocumentRequestForm()
    if context["can_supervise"] and case.status == "flagged":
        context["reassign_form"] = ReassignForm()
    return TemplateResponse(request, "casework/admin/case.html", context)


def _done(request, case_id, message):
    messages.success(request, message)
    return redirect("casework_case", case_id)


def _refused(request, case_id, error):
    messages.error(request, str(error))
    return redirect("casework_case", case_id)


@require_POST
def claim(request, pk):
    case = case_for(request.user, pk)
    try:
        desk.claim_case(case.pk, request.user)
    except desk.DeskError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("The case is yours now."))


@require_POST
def release(request, pk):
    case = case_for(request.user, pk)
    form = ReasonForm(request.POST)
    try:
        desk.release_case(case.pk, request.user, form.data.get("reason", ""))
    except desk.DeskError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("You released the case."))


@require_POST
def reassign(request, pk):
    case = case_for(request.user, pk)
    form = ReassignForm(request.POST)
    if not form.is_valid():
        return _refused(request, pk, _("Choose a caseworker and write the reason."))
    try:
        desk.reassign_case(
            case.pk, request.user, form.cleaned_data["caseworker"], form.cleaned_data["reason"]
        )
    except desk.DeskError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("The case was reassigned."))


@require_POST
def rerun(request, pk):
    case = case_for(request.user, pk)
    registry = request.POST.get("registry") or None
    try:
        desk.rerun_lookups(case.pk, request.user, registry=registry)
    except desk.DeskError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("The registries were asked again; the new answers are below."))


@require_POST
def resolve(request, pk):
    case = case_for(request.user, pk)
    names = {}
    form = ResolutionForm(request.POST, facts=case_facts(case), names=names)
    if not form.is_valid():
        messages.error(request, _("Some facts need correcting; nothing was decided."))
        return case_page(request, pk, resolution_form=form)
    try:
        resolution = desk.propose_resolution(
            case.pk, request.user, form.overrides(), form.cleaned_data["reason"]
        )
    except desk.DeskError as error:
        return _refused(request, pk, error)
    if resolution.status == Resolution.Status.AWAITING_APPROVAL:
        return _done(
            request,
            pk,
            _(
                "It reverses what the rules decided on the registries' facts: a supervisor must "
                "approve it. Nothing is decided until then."
            ),
        )
    return _done(request, pk, _("Decided with the rules on the facts you settled."))


@require_POST
def review(request, pk, resolution_id, approve: bool):
    case = case_for(request.user, pk)
    resolution = get_object_or_404(Resolution, pk=resolution_id, case=case)
    note = request.POST.get("note", "")
    try:
        if approve:
            desk.approve_resolution(resolution.pk, request.user, note)
        else:
            desk.reject_resolution(resolution.pk, request.user, note)
    except desk.DeskError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("Approved: the case is decided.") if approve else _("Rejected."))


@require_POST
def request_document(request, pk):
    case = case_for(request.user, pk)
    form = DocumentRequestForm(request.POST)
    try:
        desk.request_document(case.pk, request.user, form.data.get("what", ""))
    except desk.DeskError as error:
        return _refused(request, pk, error)
    return _done(
        request, pk, _("The request is recorded; the applicant is told over their channel.")
    )


def lookup(request, pk, lookup_id):
    """One stored registry call, as it was sent and answered."""
    case = case_for(request.user, pk)
    stored = get_object_or_404(RegistryLookup, pk=lookup_id, case=case)
    return TemplateResponse(
        request,
        "casework/admin/lookup.html",
        {
            "case": case,
            "lookup": stored,
            "request_json": json.dumps(stored.request, indent=2, ensure_ascii=False),
            "answers": [
                (pin, LookupOutcome(stored.outcome_for(pin)).label, stored.answers[pin]["status"])
                for pin in stored.pins
            ],
            "answers_json": json.dumps(stored.answers, indent=2, ensure_ascii=False),
            "page_title": f"{stored.registry} · {', '.join(stored.pins)}",
            "page_subtitle": case.reference,
            "header_icon": "link-external",
        },
    )
