"""What a caseworker and a Supervisor do to a flagged case: claim it (one holder at a time),
release or reassign it, run registry look-ups again, settle facts and resolve it with the rules
(a Supervisor approves when that reverses what the rules decided on the registries' facts), ask
the applicant for a document. Each is one transaction with its audit event and written reason."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..declaration import read_declaration
from ..models import Case, CaseFlag, DocumentRequest, Notice, Resolution
from ..notices import make_notice
from ..registries.lookups import enabled_sources, fetch_people, store_lookups, stored_answers
from .cases import transition
from .decisions import evaluate_cases, record_decision
from .enrichment import assess_answers, keep_snapshot
from .issuing import finish_after_commit


class DeskError(Exception):
    """An action that can't be done now, with the reason a person reads."""


def can_work(user) -> bool:
    return user.is_active and user.has_perm("casework.work_on_cases")


def can_supervise(user) -> bool:
    return user.is_active and user.has_perm("casework.supervise_cases")


def _locked(case_id) -> Case:
    return Case.objects.select_for_update().select_related("submission").get(pk=case_id)


def _require_holder(case: Case, user):
    if case.holder_id != user.pk:
        raise DeskError(_("Claim the case first: only its caseworker can do this."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DeskError(_("Write the reason: every action on a case is recorded with it."))
    return reason


def _require_flagged(case: Case):
    if case.status != Case.Status.FLAGGED:
        raise DeskError(_("The case is no longer waiting for a caseworker."))


# Who holds the case ------------------------------------------------------------------------------


def claim_case(case_id: int, user) -> Case:
    """Take a flagged case; when two claim it at once, one wins and the other is told."""
    if not can_work(user):
        raise DeskError(_("Only caseworkers claim cases."))
    with transaction.atomic():
        taken = Case.objects.filter(
            pk=case_id, status=Case.Status.FLAGGED, holder__isnull=True
        ).update(holder=user, claimed_at=timezone.now())
        case = _locked(case_id)
        if not taken:
            if case.holder_id == user.pk:
                return case
            _require_flagged(case)
            raise DeskError(_("Someone else has just claimed this case."))
        record_event("case_claimed", case=case, actor=user)
    return case


def release_case(case_id: int, user, reason: str) -> Case:
    reason = _require_reason(reason)
    with transaction.atomic():
        case = _locked(case_id)
        _require_holder(case, user)
        case.holder, case.claimed_at = None, None
        case.save(update_fields=["holder", "claimed_at"])
        record_event("case_released", case=case, actor=user, reason=reason)
    return case


def reassign_case(case_id: int, supervisor, to_user, reason: str) -> Case:
    reason = _require_reason(reason)
    if not can_supervise(supervisor):
        raise DeskError(_("Only a supervisor reassigns cases."))
    if not can_work(to_user):
        raise DeskError(_("Cases go only to caseworkers."))
    with transaction.atomic():
        case = _locked(case_id)
        _require_flagged(case)
        previous = case.holder
        case.holder, case.claimed_at = to_user, timezone.now()
        case.save(update_fields=["holder", "claimed_at"])
        record_event(
            "case_reassigned",
            case=case,
            actor=supervisor,
            reason=reason,
            data={
                "from": previous.get_username() if previous else None,
                "to": to_user.get_username(),
            },
        )
    return case


# Registry look-ups again -------------------------------------------------------------------------


def rerun_lookups(case_id: int, user, *, registry: str | None = None, transport=None) -> Case:
    """Ask one registry (or all) again about every member; the new answers are stored beside the
    old ones, the snapshot and flags are rebuilt from the newest answer of each registry."""
    case = Case.objects.select_related("submission").get(pk=case_id)
    _require_holder(case, user)
    _require_flagged(case)
    if case.resolutions.filter(status=Resolution.Status.AWAITING_APPROVAL).exists():
        raise DeskError(_("A resolution awaits approval: the facts can't change under it."))
    sources = enabled_sources()
    asked = [s for s in sources if registry in (None, s.code)]
    if not asked:
        raise DeskError(_("There is no such registry."))
    declaration = read_declaration(case.submission.answers)
    as_of = timezone.localdate(case.received_at)
    # Outside any transaction: a slow registry never holds a lock.
    new = fetch_people(declaration.pins, asked, as_of=as_of, transport=transport)
    with transaction.atomic():
        case = _locked(case_id)
        _require_holder(case, user)
        _require_flagged(case)
        store_lookups(case, new)
        answers = stored_answers(case)
        household, discrepancies, flags = assess_answers(case, declaration, sources, answers, as_of)
        keep_snapshot(case, household, discrepancies)
        case.flags.all().delete()
        CaseFlag.objects.bulk_create(flags)
        record_event(
            "lookups_rerun",
            case=case,
            actor=user,
            data={
                "registries": [s.code for s in asked],
                "unreachable": household.unreachable_registries,
                "flags": [f.kind for f in flags],
            },
        )
    return case


# Resolving ---------------------------------------------------------------------------------------


def automatic_outcome(case: Case) -> str:
    """What the rules give on the registries' facts alone ("" when they can't decide them)."""
    (evaluation,) = evaluate_cases([case])
    return evaluation.assessment.outcome if evaluation.assessment else ""


def propose_resolution(case_id: int, user, overrides: dict, reason: str) -> Resolution:
    """Settle facts and let the rules decide on them. The decision is taken at once when it is
    what the rules decided on the registries' facts; otherwise a Supervisor must approve it."""
    reason = _require_reason(reason)
    case = Case.objects.select_related("submission").get(pk=case_id)
    _require_holder(case, user)
    _require_flagged(case)
    automatic = automatic_outcome(case)
    try:
        (evaluation,) = evaluate_cases([case], overrides={case.pk: overrides})
    except KeyError as unknown:
        raise DeskError(_("These facts can't be settled: %(key)s") % {"key": unknown}) from None
    if evaluation.problem:
        raise DeskError(evaluation.problem)
    assessment = evaluation.assessment
    needs_approval = assessment.outcome != automatic
    with transaction.atomic():
        case = _locked(case_id)
        _require_holder(case, user)
        _require_flagged(case)
        try:
            resolution = Resolution.objects.create(
                case=case,
                overrides=overrides,
                reason=reason,
                outcome=assessment.outcome,
                monthly_amount=assessment.monthly_benefit if assessment.granted else None,
                grounds=assessment.grounds,
                automatic_outcome=automatic,
                status=(
                    Resolution.Status.AWAITING_APPROVAL
                    if needs_approval
                    else Resolution.Status.APPLIED
                ),
                proposed_by=user,
            )
        except IntegrityError:
            raise DeskError(_("A resolution of this case already awaits approval.")) from None
        data = {
            "resolution": resolution.pk,
            "overrides": overrides,
            "outcome": resolution.outcome,
            "automatic_outcome": automatic,
        }
        if needs_approval:
            record_event("resolution_proposed", case=case, actor=user, reason=reason, data=data)
        else:
            decision = record_decision(case, evaluation, decided_by=user, resolution=resolution)
            finish_after_commit(case.pk)
            transition(
                case,
                Case.Status.DECIDED,
                actor=user,
                reason=reason,
                data={**data, "decision": decision.pk, "monthly_amount": decision.monthly_amount},
            )
    return resolution


def approve_resolution(resolution_id: int, supervisor, note: str = "") -> Resolution:
    """A second person's yes to a resolution that reverses the rules: the decision is taken."""
    if not can_supervise(supervisor):
        raise DeskError(_("Only a supervisor approves."))
    resolution = Resolution.objects.select_related("case").get(pk=resolution_id)
    if resolution.proposed_by_id == supervisor.pk:
        raise DeskError(_("Someone else must approve your own proposal."))
    case = Case.objects.select_related("submission").get(pk=resolution.case_id)
    (evaluation,) = evaluate_cases([case], overrides={case.pk: resolution.overrides})
    if evaluation.problem or evaluation.assessment.outcome != resolution.outcome:
        raise DeskError(
            _("The rules no longer give the proposed outcome on these facts: propose it again.")
        )
    with transaction.atomic():
        case = _locked(resolution.case_id)
        resolution = Resolution.objects.select_for_update().get(pk=resolution_id)
        if resolution.status != Resolution.Status.AWAITING_APPROVAL:
            raise DeskError(_("This resolution has already been reviewed."))
        _require_flagged(case)
        _review(resolution, supervisor, note, Resolution.Status.APPROVED)
        decision = record_decision(
            case, evaluation, decided_by=resolution.proposed_by, resolution=resolution
        )
        finish_after_commit(case.pk)
        transition(
            case,
            Case.Status.DECIDED,
            actor=supervisor,
            reason=resolution.reason,
            data={
                "resolution": resolution.pk,
                "approved_by": supervisor.get_username(),
                "outcome": decision.outcome,
                "decision": decision.pk,
                "monthly_amount": decision.monthly_amount,
            },
        )
    return resolution


def reject_resolution(resolution_id: int, supervisor, note: str) -> Resolution:
    note = _require_reason(note)
    if not can_supervise(supervisor):
        raise DeskError(_("Only a supervisor rejects."))
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update().get(pk=resolution_id)
        if resolution.proposed_by_id == supervisor.pk:
            raise DeskError(_("Someone else must review your own proposal."))
        if resolution.status != Resolution.Status.AWAITING_APPROVAL:
            raise DeskError(_("This resolution has already been reviewed."))
        _review(resolution, supervisor, note, Resolution.Status.REJECTED)
        record_event(
            "resolution_rejected",
            case=resolution.case,
            actor=supervisor,
            reason=note,
            data={"resolution": resolution.pk},
        )
    return resolution


def _review(resolution: Resolution, supervisor, note: str, status: str):
    resolution.status = status
    resolution.reviewed_by = supervisor
    resolution.reviewed_at = timezone.now()
    resolution.review_note = note
    # The database refuses a reviewer who proposed it (resolution_reviewed_by_another_person).
    resolution.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])


# Asking the applicant ----------------------------------------------------------------------------


def request_document(case_id: int, user, what: str) -> DocumentRequest:
    """Ask the applicant for a document over the channel they chose; the case stays flagged and
    the deadline keeps running."""
    what = _require_reason(what)
    with transaction.atomic():
        case = _locked(case_id)
        _require_holder(case, user)
        _require_flagged(case)
        request = DocumentRequest.objects.create(case=case, what=what, requested_by=user)
        make_notice(case, Notice.Kind.DOCUMENT_REQUEST, what=request.pk)
        record_event(
            "document_requested", case=case, actor=user, reason=what, data={"request": request.pk}
        )
    return request


def days_left(case: Case, today: date | None = None) -> int | None:
    from ..calendar import working_days_between

    if case.due_date is None:
        return None
    return working_days_between(today or timezone.localdate(), case.due_date)
