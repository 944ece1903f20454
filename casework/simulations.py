"""The rules run again over stored decisions, all at once: replay (each decision's own facts and
rule set must give it again) and what-if (a draft's parameters over every decided case, before it
is published). Nothing here changes anything."""

import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .models import Decision, RuleParametersVersion
from .rules.engine import ParametersMissing, assess
from .rules.facts import Facts
from .rules.system import formulas_hash
from .services.rules import rules_of

BATCH = 5000  # decisions read and simulated at a time: memory stays flat at any count


@dataclass
class Difference:
    reference: str
    stored: tuple[str, Decimal | None, list[str]]
    recomputed: tuple[str, Decimal | None, list[str]]
    formulas_changed: bool = False


@dataclass
class Replay:
    decisions: int = 0
    differences: list[Difference] = field(default_factory=list)
    seconds: float = 0.0


def _stored(decisions):
    """(pk, reference, facts, outcome, amount, grounds, rule set version id, formulas hash)."""
    return decisions.values_list(
        "pk",
        "case__reference",
        "facts",
        "outcome",
        "monthly_amount",
        "grounds",
        "rule_set__parameters_version_id",
        "rule_set__formulas_hash",
    ).order_by("pk")


def _in_batches(rows):
    batch = []
    for row in rows.iterator(chunk_size=1000):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _result(assessment) -> tuple[str, Decimal | None, list[str]]:
    amount = assessment.monthly_benefit if assessment.granted else None
    return (assessment.outcome, amount, assessment.grounds)


def replay_decisions(decisions=None) -> Replay:
    """Recompute every decision from its stored facts with its own parameters version."""
    started = time.monotonic()
    report = Replay()
    versions = {v.pk: v.values for v in RuleParametersVersion.objects.all()}
    current = formulas_hash()
    for batch in _in_batches(_stored(decisions if decisions is not None else Decision.objects)):
        by_version = defaultdict(list)
        for row in batch:
            by_version[row[6]].append(row)
        for version_id, rows in by_version.items():
            facts = [Facts.from_json(row[2]) for row in rows]
            assessments = assess(facts, rules_of(versions[version_id]), details=False)
            for row, assessment in zip(rows, assessments, strict=True):
                report.decisions += 1
                stored = (row[3], row[4], row[5])
                if stored != _result(assessment):
                    report.differences.append(
                        Difference(row[1], stored, _result(assessment), row[7] != current)
                    )
    report.seconds = time.monotonic() - started
    return report


@dataclass
class Change:
    reference: str
    before: tuple[str, Decimal | None]
    after: tuple[str, Decimal | None]

    @property
    def monthly_change(self) -> Decimal:
        return (self.after[1] or Decimal("0")) - (self.before[1] or Decimal("0"))


@dataclass
class WhatIf:
    cases: int = 0
    granted_to_refused: int = 0
    refused_to_granted: int = 0
    amount_changed: int = 0
    monthly_before: Decimal = Decimal("0")
    monthly_after: Decimal = Decimal("0")
    not_simulated: list[str] = field(default_factory=list)  # no parameters for their date
    largest: list[Change] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def monthly_change(self) -> Decimal:
        return self.monthly_after - self.monthly_before

    @property
    def yearly_change(self) -> Decimal:
        return self.monthly_change * 12


def what_if(values: dict, decisions=None, *, largest: int = 10) -> WhatIf:
    """Every decided case under `values` (a draft's parameters), in one vectorised simulation a
    batch, against what was decided."""
    started = time.monotonic()
    report = WhatIf()
    rules = rules_of(values)
    changes = []
    for batch in _in_batches(_stored(decisions if decisions is not None else Decision.objects)):
        facts = [Facts.from_json(row[2]) for row in batch]
        try:
            assessments = assess(facts, rules, details=False)
        except ParametersMissing:
            # Some months can't be simulated with these values: take the batch family by family.
            assessments = [_one_or_none(f, rules) for f in facts]
        for row, assessment in zip(batch, assessments, strict=True):
            if assessment is None:
                report.not_simulated.append(row[1])
                continue
            report.cases += 1
            before = (row[3], row[4])
            after = (assessment.outcome, assessment.monthly_benefit if assessment.granted else None)
            report.monthly_before += before[1] or 0
            report.monthly_after += after[1] or 0
            if before[0] == "granted" and after[0] == "refused":
                report.granted_to_refused += 1
            elif before[0] == "refused" and after[0] == "granted":
                report.refused_to_granted += 1
            if before != after:
                report.amount_changed += 1
                changes.append(Change(row[1], before, after))
    changes.sort(key=lambda c: abs(c.monthly_change), reverse=True)
    report.largest = changes[:largest]
    report.seconds = time.monotonic() - started
    return report


def _one_or_none(facts, rules):
    try:
        (assessment,) = assess([facts], rules, details=False)
    except ParametersMissing:
        return None
    return assessment
