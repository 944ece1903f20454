"""Enrichment: the registries' answers about a family, stored, normalised into the household
snapshot and compared with the declaration."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import groupby

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import bulk, selectors
from ..declaration import read_declaration
from ..models import Case, CaseFlag
from ..registries.discrepancies import find_discrepancies
from ..registries.lookups import enabled_sources, fetch_people, lookups_for, stored_answers
from ..registries.normalise import build_household
from .cases import CaseWrites, together_or_one_by_one


def enrich_case(case_id: int, *, transport=None) -> Case:
    """Look the family up in every enabled registry, keep every answer, and compare the
    registries' picture of the family with the declaration. A disagreement that needs judgement
    sends the case to a caseworker; a required registry that did not answer makes it wait and
    try again (a caseworker takes over when it stays unreachable for long)."""
    enrich_cases([case_id], transport=transport)
    return Case.objects.get(pk=case_id)


def enrich_cases(case_ids, *, transport=None) -> int:
    """Enrich many cases with shared registry calls: each registry gets one call per up to its
    batch size of PINs, whoever's they are (batch mode, for throughput). A received case asks
    every registry; a waiting case, once due, asks again only those that did not answer.

    The registries are called before any transaction opens, so a slow registry never holds a
    lock on a case; the cases are then stored together in one transaction, each after checking
    its status again, since another delivery of a task may have enriched it meanwhile. Returns
    how many cases this call enriched (or sent on waiting)."""
    cases = list(selectors.enrichable_cases(case_ids, now=timezone.now()))
    sources = enabled_sources()
    enriched = 0
    # The registries answer about the 12 months before the application: one round per day,
    # and per set of registries still to ask.
    for (as_of, waiting_for), group in groupby(sorted(cases, key=_round), key=_round):
        group = list(group)
        asked = [s for s in sources if s.code in waiting_for] if waiting_for else sources
        declarations = {
            case.pk: replace(read_declaration(case.submission.answers), reference=case.reference)
            for case in group
        }
        pins = list(dict.fromkeys(pin for d in declarations.values() for pin in d.pins))
        by_pin = defaultdict(list)
        for answer in fetch_people(pins, asked, as_of=as_of, transport=transport):
            by_pin[answer.pins[0]].append(answer)
        open_elsewhere = selectors.open_applications_of(pins)
        tolerance = selectors.undeclared_income_tolerance(as_of)
        assessed = []
        for case in group:
            declaration = declarations[case.pk]
            own = [answer for pin in dict.fromkeys(declaration.pins) for answer in by_pin[pin]]
            others = selectors.open_applications_declaring(
                declaration.pins, besides=case.pk, among=open_elsewhere
            )
            assessed.append(
                _assess(case, declaration, sources, own, as_of, others, tolerance=tolerance)
            )
        enriched += together_or_one_by_one(
            assessed, lambda some: _store_together(some, sources), what="enrichments"
        )
    return enriched


def _round(case) -> tuple[date, tuple[str, ...]]:
    return timezone.localdate(case.received_at), tuple(sorted(case.waiting_for))


@dataclass
class _Assessed:
    """A case's new answers, and what all its answers say (not stored yet)."""

    case: Case
    declaration: object
    new_answers: list
    household: object
    discrepancies: list
    flags: list

    def __repr__(self):
        return f"<enrichment of {self.case.reference}>"


def _assess(case, declaration, sources, new_answers, as_of, open_elsewhere, *, tolerance):
    # A waiting case keeps the answers it already has from the registries that did answer.
    answers = new_answers
    if case.status == Case.Status.WAITING:
        asked = {answer.registry for answer in new_answers}
        answers = [a for a in stored_answers(case) if a.registry not in asked] + new_answers
    household, discrepancies, flags = assess_answers(
        case,
        declaration,
        sources,
        answers,
        as_of,
        open_elsewhere=open_elsewhere,
        tolerance=tolerance,
    )
    return _Assessed(case, declaration, new_answers, household, discrepancies, flags)


def _store_together(assessed: list[_Assessed], sources) -> int:
    required = {s.code for s in sources if s.required}
    read = {one.case.pk: one.case for one in assessed}
    writes, lookups = CaseWrites(), []
    with transaction.atomic():
        locked = Case.objects.select_for_update().in_bulk(list(read))
        for one in assessed:
            case = locked.get(one.case.pk)
            if case is None or case.status not in (Case.Status.RECEIVED, Case.Status.WAITING):
                continue
            before = read[case.pk]
            if (case.status, case.registry_retry_at) != (before.status, before.registry_retry_at):
                continue  # another worker took this try meanwhile
            case.submission = before.submission  # read already; it does not change
            lookups += lookups_for(case, one.new_answers)
            writes.change(case, **_snapshot(one.declaration, one.household, one.discrepancies))
            data = {
                "registries": sorted({a.registry for a in one.new_answers}),
                "unreachable": one.household.unreachable_registries,
                "discrepancies": [d.kind for d in one.discrepancies],
            }
            missing = [c for c in one.household.unreachable_registries if c in required]
            if missing and not _waited_long_enough(case):
                wait_for_registries(writes, case, missing, data=data)
            elif one.flags:
                _stop_waiting(writes, case)
                reason = "; ".join(f.detail for f in one.flags)
                writes.flag(case, one.flags, reason=reason, data=data)
            else:
                _stop_waiting(writes, case)
                writes.move(case, Case.Status.ENRICHED, data=data)
        bulk.insert(lookups)
        writes.write()
    return len(writes.cases)


def _waited_long_enough(case) -> bool:
    """Whether a person should take over from the retries (the wait starts when the case first
    found a required registry unreachable)."""
    hours = settings.CASEWORK["REGISTRY_WAIT_HOURS"]
    started = case.status_changed_at if case.status == Case.Status.WAITING else timezone.now()
    return timezone.now() - started >= timedelta(hours=hours)


def wait_for_registries(writes: CaseWrites, case, registries: list[str], *, data):
    """A locked case waits for required registries that did not answer: asked again later,
    twice as long after each try (up to a maximum)."""
    first = settings.CASEWORK["REGISTRY_RETRY_FIRST_SECONDS"]
    longest = settings.CASEWORK["REGISTRY_RETRY_MAX_SECONDS"]
    delay = min(longest, first * 2**case.registry_attempts)
    writes.change(
        case,
        registry_attempts=case.registry_attempts + 1,
        registry_retry_at=timezone.now() + timedelta(seconds=delay),
        waiting_for=registries,
    )
    data = {**data, "waiting_for": registries, "attempt": case.registry_attempts}
    data["next_try"] = case.registry_retry_at.isoformat()
    reason = "required registry unreachable: " + ", ".join(registries)
    if case.status == Case.Status.WAITING:
        writes.event("registries_still_unreachable", case, reason=reason, data=data)
    else:
        writes.move(case, Case.Status.WAITING, reason=reason, data=data)


def _stop_waiting(writes: CaseWrites, case):
    if case.waiting_for or case.registry_retry_at:
        writes.change(case, waiting_for=[], registry_retry_at=None)


def assess_answers(
    case, declaration, sources, answers, as_of, *, open_elsewhere=None, tolerance=None
):
    """The household the registries' answers describe, where it disagrees with the declaration,
    and the flags (unsaved) for what needs a person. `open_elsewhere` ({PIN: [reference]}) and
    `tolerance` are looked up for this case when not given (a batch looks them up once)."""
    household = build_household(declaration, answers, as_of)
    if tolerance is None:
        tolerance = selectors.undeclared_income_tolerance(as_of)
    if open_elsewhere is None:
        open_elsewhere = selectors.open_applications_declaring(declaration.pins, besides=case.pk)
    discrepancies = find_discrepancies(
        declaration,
        household,
        open_elsewhere=open_elsewhere,
        **({"income_tolerance": tolerance} if tolerance else {}),
    )
    return household, discrepancies, flags_for(case, sources, household, discrepancies)


def flags_for(case, sources, household, discrepancies) -> list[CaseFlag]:
    """Why the case cannot go on by itself: a required registry that stayed unreachable, or a
    disagreement with the declaration that needs a person's judgement."""
    required = {s.code for s in sources if s.required}
    return [
        CaseFlag(
            case=case,
            kind=CaseFlag.Kind.REGISTRY_UNREACHABLE,
            registry=code,
            detail=f"required registry unreachable: {code}",
        )
        for code in household.unreachable_registries
        if code in required
    ] + [
        CaseFlag(
            case=case,
            kind=d.kind,
            registry=d.registry,
            pin=d.pin,
            detail=f"needs judgement: {d.kind} {d.pin}: {d.found}".replace("  ", " "),
        )
        for d in discrepancies
        if not d.settled_by_registry
    ]


def _snapshot(declaration, household, discrepancies) -> dict:
    """The case's fields that keep what the registries said and where it disagrees."""
    applicant = household.member(declaration.applicant.pin)
    values = {
        "household": household.as_json(),
        "discrepancies": [d.as_json() for d in discrepancies],
    }
    if applicant and applicant.registered_district:
        values["district"] = applicant.registered_district
    return values


def keep_snapshot(case, household, discrepancies):
    """A locked case's snapshot, saved now (the desk's look-ups run again)."""
    values = _snapshot(read_declaration(case.submission.answers), household, discrepancies)
    for name, value in values.items():
        setattr(case, name, value)
    case.save(update_fields=list(values))
