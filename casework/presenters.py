"""A case as the caseworker's page shows it: the declaration beside what each registry said, the
disagreements marked on both sides, the rules' verdict with its trace, and the timeline. Pure
presentation over what the case already holds (one query per related list)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms_app.presenters import answer_rows
from forms_app.schema.engine import visible_steps

from .declaration import read_declaration
from .models import Case, CaseFlag, LookupOutcome, RegistryLookup
from .registries.household import Household
from .registries.lookups import newest_answers
from .rules.explain import ground_text

STATUS_FACTS = [
    ("employed", gettext_lazy("works (e-labour)")),
    ("entrepreneur", gettext_lazy("entrepreneur (tax)")),
    ("pensioner", gettext_lazy("pensioner (DSMF)")),
    ("registered_unemployed", gettext_lazy("registered unemployed")),
    ("unemployment_insurance", gettext_lazy("unemployment insurance")),
    ("full_time_student", gettext_lazy("full-time student")),
    ("in_military_service", gettext_lazy("in military service")),
    ("imprisoned", gettext_lazy("imprisoned")),
]


# The kinds of disagreement (registries/discrepancies.py) in words: those a person must judge are
# the flags' own kinds.
DISCREPANCIES = {
    "undeclared_income": gettext_lazy("Income not declared"),
    "undeclared_vehicle": gettext_lazy("Vehicle not declared"),
    "undeclared_dwelling": gettext_lazy("Dwelling not declared"),
    **dict(CaseFlag.Kind.choices),
}


@dataclass
class PersonRow:
    pin: str
    declared: list[tuple[str, str]] = field(default_factory=list)
    found: list[tuple[str, str]] = field(default_factory=list)
    discrepancies: list[dict] = field(default_factory=list)


def declaration_rows(case: Case, language: str) -> list[tuple[str, str]]:
    """Every answer, labelled as in the form version the applicant answered."""
    submission = case.submission
    version = submission.form_version
    if version is None:
        return [(key, str(value)) for key, value in submission.answers.items()]
    steps = visible_steps(version.definition, submission.answers, submission.channel)
    return [row for s in steps for row in answer_rows(s, submission.answers, language)]


def people_side_by_side(case: Case) -> list[PersonRow]:
    declaration = read_declaration(case.submission.answers)
    household = Household.from_json(case.household) if case.household else None
    declared_income = {}
    for income in declaration.incomes:
        declared_income[income.pin] = declared_income.get(income.pin, Decimal("0")) + (
            income.total_12_months
        )
    rows = []
    for person in declaration.everyone:
        row = PersonRow(person.pin)
        row.declared = [
            (_("name"), f"{person.surname} {person.name}".strip()),
            (_("born"), str(person.birth_date or "")),
            (_("relation"), person.relation),
            (_("status"), person.status),
            (_("income in 12 months"), f"{declared_income.get(person.pin, Decimal('0'))} AZN"),
        ]
        found = household.member(person.pin) if household else None
        if found is not None:
            row.found = [
                (_("name"), f"{found.surname} {found.name} {found.patronymic}".strip()),
                (_("born"), str(found.birth_date or "")),
                (
                    _("known to the civil registry"),
                    _("yes") if found.known_to_civil_registry else _("no"),
                ),
                *([(_("died"), str(found.death_date))] if found.death_date else []),
                (_("registered at"), found.registered_address),
                (
                    _("status"),
                    ", ".join(str(label) for name, label in STATUS_FACTS if getattr(found, name))
                    or "—",
                ),
                *(
                    [(_("disability group"), found.disability_group)]
                    if found.disability_group
                    else []
                ),
                *(
                    [(_("refused job offers"), str(found.refused_suitable_offers))]
                    if found.refused_suitable_offers
                    else []
                ),
                *(
                    (
                        f"{income.kind} ({income.registry})",
                        f"{income.total_12_months} AZN · {income.payer}",
                    )
                    for income in found.incomes
                ),
            ]
        row.discrepancies = [
            {**d, "label": DISCREPANCIES.get(d["kind"], d["kind"])}
            for d in case.discrepancies
            if d.get("pin") == person.pin
        ]
        rows.append(row)
    return rows


def family_side_by_side(case: Case) -> list[tuple[str, str, str, bool]]:
    """(what, declared, the registries, disagree?) for the family's property and costs."""
    declaration = read_declaration(case.submission.answers)
    household = Household.from_json(case.household) if case.household else Household()
    kinds = {d["kind"] for d in case.discrepancies if not d.get("pin")}
    kinds |= {d["kind"] for d in case.discrepancies}
    return [
        (
            _("vehicles"),
            ", ".join(
                v.plate + (" (state)" if v.given_by_state else "") for v in declaration.vehicles
            )
            or "—",
            ", ".join(
                f"{v.plate} {v.make}"
                + (" (rehabilitation)" if v.given_by_state_for_rehabilitation else "")
                for v in household.vehicles
            )
            or "—",
            "undeclared_vehicle" in kinds,
        ),
        (
            _("dwellings"),
            str(declaration.dwellings_count),
            "; ".join(f"{d.address} ({d.purpose})" for d in household.dwellings) or "—",
            "undeclared_dwelling" in kinds,
        ),
        (
            _("utilities a month"),
            f"{declaration.utilities_monthly} AZN",
            f"{household.utilities_monthly} AZN",
            False,
        ),
        (
            _("phone and internet a month"),
            f"{declaration.communications_monthly} AZN",
            f"{household.communications_monthly} AZN",
            False,
        ),
        (
            _("purchases and sales in 12 months"),
            "—",
            "; ".join(f"{d.day} {d.kind} {d.amount} AZN" for d in household.deals) or "—",
            False,
        ),
        (
            _("other open applications"),
            "—",
            ", ".join(household.open_assistance_applications) or "—",
            "second_open_application" in kinds,
        ),
    ]


@dataclass
class LookupRow:
    """What a registry said about one person, as the case page lists it."""

    lookup: RegistryLookup
    pin: str
    outcome: str
    earlier: int


def newest_lookups(case: Case) -> list[LookupRow]:
    """The newest look-up of each registry about each person, and how many earlier ones."""
    return [
        LookupRow(lookup, pin, LookupOutcome(lookup.outcome_for(pin)).label, earlier)
        for (_registry, pin), (lookup, earlier) in sorted(newest_answers(case).items())
    ]


def verdict(assessment, language: str, explanation: list[str]) -> dict:
    """An assessment or a decision as the case page lists it."""
    return {
        "outcome": assessment["outcome"],
        "monthly_amount": assessment.get("monthly_amount"),
        "grounds": [ground_text(code, language) for code in assessment.get("grounds", [])],
        "explanation": explanation,
    }


def trace_rows(trace: dict | None) -> list[tuple[str, object, list[str]]]:
    """The trace as (variable<period>, value, what it was computed from), the decision's
    variables first."""
    if not trace:
        return []
    return [(key, node.get("value"), node.get("dependencies", [])) for key, node in trace.items()]


# What each audit action is called on the case's timeline; an action not named here (a new one,
# or personal data seen: "personal_data.<what>") shows as recorded.
ACTIONS = {
    "case_opened": gettext_lazy("Application received"),
    "status_changed": gettext_lazy("Status changed"),
    "registries_still_unreachable": gettext_lazy("Registries asked again, still no answer"),
    "case_claimed": gettext_lazy("Claimed"),
    "case_released": gettext_lazy("Released"),
    "case_reassigned": gettext_lazy("Reassigned"),
    "lookups_rerun": gettext_lazy("Registries asked again"),
    "resolution_proposed": gettext_lazy("Resolution proposed"),
    "resolution_rejected": gettext_lazy("Resolution rejected"),
    "document_requested": gettext_lazy("Document asked for"),
    "letter_issued": gettext_lazy("Decision letter issued"),
    "notice_sent": gettext_lazy("Applicant told"),
    "notice_failed": gettext_lazy("Notice could not be delivered"),
    "deadline_warning": gettext_lazy("Deadline warning"),
    "deadline_passed": gettext_lazy("Deadline passed"),
}


@dataclass
class TimelineRow:
    at: object
    action: str
    actor: object
    change: str
    reason: str


def timeline_rows(events) -> list[TimelineRow]:
    """The audit events of a case in words: the action's name, and a status change as labels."""
    statuses = dict(Case.Status.choices)
    rows = []
    for event in events:
        change = ""
        if event.data.get("from") in statuses and event.data.get("to") in statuses:
            change = f"{statuses[event.data['from']]} → {statuses[event.data['to']]}"
        if event.action.startswith("personal_data."):
            action = _("Personal data seen (%(what)s)") % {"what": event.action.split(".", 1)[1]}
        else:
            action = ACTIONS.get(event.action, event.action)
        rows.append(TimelineRow(event.created_at, action, event.actor, change, event.reason))
    return rows
