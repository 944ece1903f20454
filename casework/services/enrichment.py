"""Enrichment: the registries' answers about a family, stored, normalised into the household
snapshot and compared with the declaration."""

from dataclasses import replace
from datetime import date
from itertools import groupby

from django.db import transaction
from django.utils import timezone

from .. import selectors
from ..declaration import read_declaration
from ..models import Case, CaseFlag
from ..registries.discrepancies import find_discrepancies
from ..registries.lookups import enabled_sources, fetch_people, store_lookups
from ..registries.normalise import build_household
from .cases import flag, transition


def enrich_case(case_id: int, *, transport=None) -> Case:
    """Look the family up in every enabled registry, keep every answer, and compare the
    registries' picture of the family with the declaration. A required registry that stayed
    unreachable, or a disagreement that needs judgement, sends the case to a caseworker."""
    enrich_cases([case_id], transport=transport)
    return Case.objects.get(pk=case_id)


def enrich_cases(case_ids, *, transport=None) -> int:
    """Enrich many received cases with shared registry calls: each registry gets one call per
    up to its batch size of PINs, whoever's they are (batch mode, for throughput).

    The registries are called before any transaction opens, so a slow registry never holds a
    lock on a case; each case is then stored in its own transaction, after checking its status
    again, since another delivery of a task may have enriched it meanwhile. Returns how many
    cases this call enriched."""
    cases = list(
        Case.objects.filter(pk__in=case_ids, status=Case.Status.RECEIVED).select_related(
            "submission"
        )
    )
    sources = enabled_sources()
    enriched = 0
    # The registries answer about the 12 months before the application: one round per day.
    for as_of, group in groupby(sorted(cases, key=_application_day), key=_application_day):
        group = list(group)
        declarations = {
            case.pk: replace(read_declaration(case.submission.answers), reference=case.reference)
            for case in group
        }
        pins = list(dict.fromkeys(pin for d in declarations.values() for pin in d.pins))
        answers = fetch_people(pins, sources, as_of=as_of, transport=transport)
        for case in group:
            declaration = declarations[case.pk]
            own = [answer for answer in answers if answer.pins[0] in declaration.pins]
            enriched += _store_enrichment(case, declaration, sources, own, as_of)
    return enriched


def _application_day(case) -> date:
    return timezone.localdate(case.received_at)


def _store_enrichment(case, declaration, sources, answers, as_of) -> bool:
    household, discrepancies, flags = assess_answers(case, declaration, sources, answers, as_of)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status != Case.Status.RECEIVED:
            return False
        store_lookups(case, answers)
        _keep_snapshot(case, household, discrepancies)
        data = {
            "registries": [s.code for s in sources],
            "unreachable": household.unreachable_registries,
            "discrepancies": [d.kind for d in discrepancies],
        }
        if flags:
            flag(case, flags, reason="; ".join(f.detail for f in flags), data=data)
        else:
            transition(case, Case.Status.ENRICHED, data=data)
        return True


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
