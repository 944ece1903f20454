"""Enrichment: the registries' answers about a family, stored, normalised into the household
snapshot and compared with the declaration."""

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from itertools import groupby

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import selectors
from ..audit import record_event
from ..declaration import read_declaration
from ..models import Case, CaseFlag
from ..registries.discrepancies import find_discrepancies
from ..registries.lookups import enabled_sources, fetch_people, store_lookups, stored_answers
from ..registries.normalise import build_household
from .cases import flag, transition


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
    lock on a case; each case is then stored in its own transaction, after checking its status
    again, since another delivery of a task may have enriched it meanwhile. Returns how many
    cases this call enriched (or sent on waiting)."""
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
        for case in group:
            declaration = declarations[case.pk]
            own = [answer for pin in dict.fromkeys(declaration.pins) for answer in by_pin[pin]]
            enriched += _store_enrichment(case, declaration, sources, own, as_of)
    return enriched


def _round(case) -> tuple[date, tuple[str, ...]]:
    return timezone.localdate(case.received_at), tuple(sorted(case.waiting_for))


def _store_enrichment(case, declaration, sources, new_answers, as_of) -> bool:
    # A waiting case keeps the answers it already has from the registries that did answer.
    answers = new_answers
    if case.status == Case.Status.WAITING:
        asked = {answer.registry for answer in new_answers}
        answers = [a for a in stored_answers(case) if a.registry not in asked] + new_answers
    household, discrepancies, flags = assess_answers(case, declaration, sources, answers, as_of)
    required = {s.code for s in sources if s.required}
    missing = [code for code in household.unreachable_registries if code in required]
    with transaction.atomic():
        read = case
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status not in (Case.Status.RECEIVED, Case.Status.WAITING):
            return False
        if (case.status, case.registry_retry_at) != (read.status, read.registry_retry_at):
            return False  # another worker took this try meanwhile
        store_lookups(case, new_answers)
        _keep_snapshot(case, household, discrepancies)
        data = {
            "registries": sorted({a.registry for a in new_answers}),
            "unreachable": household.unreachable_registries,
            "discrepancies": [d.kind for d in discrepancies],
        }
        if missing and not _waited_long_enough(case):
            wait_for_registries(case, missing, data=data)
        elif flags:
            _stop_waiting(case)
            flag(case, flags, reason="; ".join(f.detail for f in flags), data=data)
        else:
            _stop_waiting(case)
            transition(case, Case.Status.ENRICHED, data=data)
        return True


def _waited_long_enough(case) -> bool:
    """Whether a person should take over from the retries (the wait starts when the case first
    found a required registry unreachable)."""
    hours = settings.CASEWORK["REGISTRY_WAIT_HOURS"]
    started = case.status_changed_at if case.status == Case.Status.WAITING else timezone.now()
    return timezone.now() - started >= timedelta(hours=hours)


def wait_for_registries(case, registries: list[str], *, data):
    """A locked case waits for required registries that did not answer: asked again later,
    twice as long after each try (up to a maximum)."""
    first = settings.CASEWORK["REGISTRY_RETRY_FIRST_SECONDS"]
    longest = settings.CASEWORK["REGISTRY_RETRY_MAX_SECONDS"]
    delay = min(longest, first * 2**case.registry_attempts)
    case.registry_attempts += 1
    case.registry_retry_at = timezone.now() + timedelta(seconds=delay)
    case.waiting_for = registries
    case.save(update_fields=["registry_attempts", "registry_retry_at", "waiting_for"])
    data = {**data, "waiting_for": registries, "attempt": case.registry_attempts}
    data["next_try"] = case.registry_retry_at.isoformat()
    reason = "required registry unreachable: " + ", ".join(registries)
    if case.status == Case.Status.WAITING:
        record_event("registries_still_unreachable", case=case, reason=reason, data=data)
    else:
        transition(case, Case.Status.WAITING, reason=reason, data=data)


def _stop_waiting(case):
    if case.waiting_for or case.registry_retry_at:
        case.waiting_for, case.registry_retry_at = [], None
        case.save(update_fields=["waiting_for", "registry_retry_at"])


def assess_answers(case, declaration, sources, answers, as_of):
    """The household the registries' answers describe, where it disagrees with the declaration,
    and the flags (unsaved) for what needs a person."""
    household = build_household(declaration, answers, as_of)
    tolerance = selectors.undeclared_income_tolerance(as_of)
    discrepancies = find_discrepancies(
        declaration,
        household,
        open_elsewhere=selectors.open_applications_declaring(declaration.pins, besides=case.pk),
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


def _keep_snapshot(case, household, discrepancies):
    applicant = household.member(read_declaration(case.submission.answers).applicant.pin)
    case.household = household.as_json()
    case.discrepancies = [d.as_json() for d in discrepancies]
    case.district = (applicant.registered_district if applicant else "") or case.district
    case.save(update_fields=["household", "discrepancies", "district"])
