"""Deciding: the rules in force on the application's date run on the family's facts (many
families in one vectorised simulation); the decision stores the outcome with its rule set, the
facts, the trace and the explanation, in the same transaction as the case's move to DECIDED.

A case goes to a caseworker instead when the rules can't be trusted to decide it alone: no
parameters are in force for its date, or a ground of refusal holds that a registry which did not
answer could have cleared (an unreachable registry never refuses anyone)."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import bulk, selectors
from ..declaration import read_declaration
from ..models import Case, CaseFlag, Decision, Notice
from ..notices import make_notice, make_notices
from ..registries.discrepancies import UNDECLARED_VEHICLE
from ..registries.household import Household
from ..rules.engine import Assessment, ParametersMissing, assess
from ..rules.explain import assignment_period, explain
from ..rules.facts import Facts, gather_facts
from ..rules.variables.grounds import GROUNDS
from .cases import CaseWrites, together_or_one_by_one
from .rules import rule_set_for, rules_of


@dataclass
class Evaluation:
    """What the rules in force say about a case, or why they can't say it."""

    case_id: int
    facts: Facts | None = None
    rule_set: object = None  # EligibilityRuleSet
    assessment: Assessment | None = None
    problem: str = ""


def decide_case(case_id: int) -> Case:
    decide_cases([case_id])
    return Case.objects.get(pk=case_id)


def decide_cases(case_ids) -> list[int]:
    """Decide every ENRICHED case among `case_ids`; returns those it decided."""
    cases = list(
        Case.objects.filter(pk__in=case_ids, status=Case.Status.ENRICHED).select_related(
            "submission"
        )
    )
    decided = []
    together_or_one_by_one(
        evaluate_cases(cases), lambda some: _store(some, decided), what="decisions"
    )
    return decided


def case_facts(case: Case, application_date=None, *, refusals=None) -> Facts:
    """The rules' facts about an enriched case: its snapshot, its declaration, its history.
    `refusals`: what `selectors.refusals_for_false_information` gave for a batch's people."""
    declaration = read_declaration(case.submission.answers)
    household = Household.from_json(case.household or {})
    application_date = application_date or timezone.localdate(case.received_at)
    refusals = (
        selectors.refusals_for_false_information(declaration.pins) if refusals is None else refusals
    )
    refused_on = [
        day
        for day in (
            household.refused_for_false_information_on,
            *(refusals.get(pin) for pin in declaration.pins),
        )
        if day
    ]
    return gather_facts(
        declaration,
        household,
        application_date=application_date,
        carer_statuses=tuple(settings.CASEWORK["CARER_STATUSES"]),
        undeclared_vehicles=sum(d["kind"] == UNDECLARED_VEHICLE for d in case.discrepancies),
        refused_for_false_information_on=max(refused_on, default=None),
    )


def evaluate_cases(cases: list[Case], *, overrides: dict | None = None) -> list[Evaluation]:
    """The rules' verdict on each case: the cases under one parameters version in one simulation,
    with each family's slice of the trace. `overrides` ({case id: {input: value}}) are facts a
    caseworker settled: a person has judged those cases, so no doubt sends them back."""
    overrides = overrides or {}
    evaluations = {case.pk: Evaluation(case.pk) for case in cases}
    by_version = defaultdict(list)
    pins = {pin for case in cases for pin in read_declaration(case.submission.answers).pins}
    refusals = selectors.refusals_for_false_information(pins)
    versions = {}  # by application date
    for case in cases:
        facts = case_facts(case, refusals=refusals)
        if case.pk in overrides:
            facts = facts.with_overrides(overrides[case.pk])
        day = facts.application_date
        if day not in versions:
            versions[day] = selectors.parameters_version_in_force(day)
        evaluations[case.pk].facts = facts
        if versions[day] is None:
            evaluations[case.pk].problem = f"no rule parameters are in force for {day}"
        else:
            by_version[versions[day]].append(case)
    for version, group in by_version.items():
        rule_set = rule_set_for(version)
        facts = [evaluations[case.pk].facts for case in group]
        try:
            assessments = assess(facts, rules_of(version.values), trace=True)
        except ParametersMissing as missing:
            for case in group:
                evaluations[case.pk].problem = str(missing)
            continue
        for case, assessment in zip(group, assessments, strict=True):
            evaluation = evaluations[case.pk]
            evaluation.rule_set, evaluation.assessment = rule_set, assessment
            if case.pk not in overrides:
                evaluation.problem = _doubt(case, assessment)
    return [evaluations[case.pk] for case in cases]


def _doubt(case: Case, assessment: Assessment) -> str:
    """Why a refusal can't stand without a person: a ground held that a registry which did not
    answer could have cleared."""
    unreachable = set((case.household or {}).get("unreachable_registries", []))
    doubtful = [
        ground
        for ground in GROUNDS
        if ground.code in assessment.grounds and unreachable & set(ground.cleared_by)
    ]
    if not doubtful:
        return ""
    registries = sorted(unreachable & {code for g in doubtful for code in g.cleared_by})
    return (
        f"ground {', '.join(str(g.number) for g in doubtful)} holds, but "
        f"{', '.join(registries)} did not answer and could have cleared it"
    )


def _store(evaluations: list[Evaluation], decided_ids: list[int]) -> int:
    """Record the decisions (or the flags) of the cases that still wait for one, together:
    one lock, one insert of decisions, one of notices, one update of the cases, one append to
    the audit chain."""
    writes, decided = CaseWrites(), []
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",))
            .select_related("submission")  # for the notices
            .defer("household", "discrepancies")
            .in_bulk([e.case_id for e in evaluations])
        )
        for evaluation in evaluations:
            case = locked.get(evaluation.case_id)
            if case is None or case.status != Case.Status.ENRICHED:
                continue
            if evaluation.problem:
                reason = f"a rule needs judgement: {evaluation.problem}"
                flags = [CaseFlag(case=case, kind=CaseFlag.Kind.RULES, detail=reason)]
                writes.flag(case, flags, reason=reason)
            else:
                decided.append((case, evaluation, decision_for(case, evaluation)))
        bulk.insert([decision for _case, _evaluation, decision in decided])
        for case, evaluation, decision in decided:
            writes.move(case, Case.Status.DECIDED, data=_decided(decision, evaluation))
        # The applicants are told by each case's finish, with the letter (pipeline.finish).
        make_notices([case for case, _e, _d in decided], Notice.Kind.DECISION)
        writes.write()
    decided_ids += [case.pk for case, _e, _d in decided]
    return len(decided)


def _decided(decision: Decision, evaluation: Evaluation) -> dict:
    """What the audit trail keeps of a decision."""
    return {
        "decision": decision.pk,
        "outcome": decision.outcome,
        "monthly_amount": decision.monthly_amount,
        "grounds": decision.grounds,
        "rule_set": evaluation.rule_set.label,
    }


def decision_for(case: Case, evaluation: Evaluation, *, decided_by=None, resolution=None):
    """The decision (unsaved) of a case, from an evaluation without a problem."""
    assessment, facts = evaluation.assessment, evaluation.facts
    granted = assessment.granted
    start, end = assignment_period(facts.application_date, assessment.family["assignment_months"])
    return Decision(
        case=case,
        outcome=Decision.Outcome.GRANTED if granted else Decision.Outcome.REFUSED,
        monthly_amount=assessment.monthly_benefit if granted else None,
        period_start=start if granted else None,
        period_end=end if granted else None,
        grounds=assessment.grounds,
        rule_set=evaluation.rule_set,
        facts=facts.as_json(),
        trace=assessment.trace,
        explanation=explain(assessment.trace, facts, assessment.grounds),
        decided_by=decided_by,
        resolution=resolution,
    )


def record_decision(
    case: Case, evaluation: Evaluation, *, decided_by=None, resolution=None
) -> Decision:
    """The decision of a locked case (a caseworker's resolution), from an evaluation without a
    problem, and the notice that tells the applicant (made in the same transaction; the case's
    finish sends it with the letter once this commits, see pipeline.finish)."""
    decision = decision_for(case, evaluation, decided_by=decided_by, resolution=resolution)
    decision.save()
    make_notice(case, Notice.Kind.DECISION, send=False)
    return decision
