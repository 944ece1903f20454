"""Submissions as a spreadsheet (CSV or XLSX) for analysts.

One row per submission, one column per field. Each column is headed by the field's label in the
admin user's language (Azerbaijani where a label has no translation) followed by its machine name,
e.g. "Soyad (last_name)", so the sheet reads well and a script can still find its columns.

A repeating group is flattened into numbered columns, item after item, up to the largest number
of items any exported submission has: "Ailə üzvü 1: FİN (family_members[0].pin)", "Ailə üzvü 1:
Soyad (family_members[0].last_name)", …, "Ailə üzvü 2: FİN (family_members[1].pin)", … The
machine names count items from 0, as the JSON API and its error messages do; the labels count from
1, as the citizen saw them. Columns rather than JSON in a cell, because an analyst sorts, filters
and pivots in Excel and none of that works inside a JSON string; a family rarely has more than a
handful of members, so the sheet stays readable.

Values keep the type Excel can compute with: whole numbers and amounts are numbers, dates are
dates. Choices are written as their labels in the admin user's language, yes/no answers as Yes/No;
unanswered and hidden fields stay empty. Each value is read with the field as the submission's own
version defined it, so an option removed since then still shows its label.

With one form version chosen, the columns are exactly its fields. With several versions in the
export, the newest version's fields come first, then those only older versions had, so one file
holds every submission; each column is headed by the newest label its field had.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import selectors
from .models import Submission
from .schema.definition import FieldDefinition, localised
from .schema.fields import export_value


@dataclass(frozen=True)
class Column:
    key: str  # the machine name; unique within an export
    heading: str
    value: Callable[[Submission], Any]


class SubmissionExport:
    """The columns and rows of an export of `submissions`, which answered `versions` (newest
    first). Every text is translated when the export is built, in `language`: the rows are
    written later, while the response streams, outside the admin's language."""

    def __init__(self, submissions, versions, language: str):
        self.language = language
        self.fields_by_version = {v.pk: dict(v.definition.all_fields()) for v in versions}
        self.columns = [*self._submission_columns(), *self._answer_columns(submissions, versions)]
        self.headings = {c.key: c.heading for c in self.columns}

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def row(self, submission) -> dict:
        # Yes and No are words in the export's language.
        with translation.override(self.language):
            return {c.key: c.value(submission) for c in self.columns}

    # Columns -----------------------------------------------------------------------------------

    def _submission_columns(self):
        channels = {value: str(label) for value, label in Submission.Channel.choices}

        def submitted_at(s):
            # Local time without a zone: what Excel shows as it is, to the second.
            return timezone.localtime(s.submitted_at).replace(tzinfo=None, microsecond=0)

        described = [
            ("reference", _("reference number"), lambda s: s.reference),
            ("submitted_at", _("submitted at"), submitted_at),
            ("channel", _("channel"), lambda s: channels.get(s.channel, s.channel)),
            ("form_version", _("form version"), lambda s: s.form_version and s.form_version.number),
            ("language", _("language"), lambda s: s.language),
            ("branch", _("post-office branch"), lambda s: s.branch),
            ("operator", _("post-office operator"), lambda s: s.operator and str(s.operator)),
        ]
        # `submission.` keeps these apart from the form's own fields (machine names have no dot).
        return [
            Column(f"submission.{key}", f"{capfirst(label)} (submission.{key})", value)
            for key, label, value in described
        ]

    def _answer_columns(self, submissions, versions):
        fields = self._fields_of(versions)
        group_names = [name for name, entry in fields.items() if isinstance(entry, tuple)]
        sizes = selectors.largest_group_sizes(submissions, group_names)
        columns = []
        for name, entry in fields.items():
            if isinstance(entry, FieldDefinition):
                label = localised(entry.label, self.language)
                columns.append(self._column(name, label, entry, (name,)))
                continue
            group, group_fields = entry
            item_label = localised(group.item_label, self.language)
            for index in range(sizes[name]):
                for field_name, field in group_fields.items():
                    label = f"{item_label} {index + 1}: {localised(field.label, self.language)}"
                    key = f"{name}[{index}].{field_name}"
                    columns.append(self._column(key, label, field, (name, index, field_name)))
        return columns

    @staticmethod
    def _fields_of(versions) -> dict:
        """{name: field, or (group, {field name: field})}: the newest version's fields in its
        order, then what only older versions had; the newest definition of each wins."""
        fields = {}
        for version in versions:
            definition = version.definition
            group_of = {g.name: g for s in definition.steps for g in s.groups}
            for path, field in definition.all_fields():
                if "[]." in path:
                    group_name, field_name = path.split("[].", 1)
                    _group, group_fields = fields.setdefault(group_name, (group_of[group_name], {}))
                    group_fields.setdefault(field_name, field)
                else:
                    fields.setdefault(path, field)
        return fields

    def _column(self, key, label, field, location):
        # The field as each submission's own version defined it, found by its path.
        path = f"{location[0]}[].{location[2]}" if len(location) == 3 else location[0]

        def value(submission):
            own = self.fields_by_version.get(submission.form_version_id, {}).get(path, field)
            return export_value(own, _answer_at(submission.answers, location), self.language)

        return Column(key, f"{label} ({key})", value)


def _answer_at(answers: dict, location):
    """The answer at (name,) or (group name, item index, field name), or None."""
    if len(location) == 1:
        return answers.get(location[0])
    group_name, index, field_name = location
    items = answers.get(group_name)
    if not isinstance(items, list) or index >= len(items) or not isinstance(items[index], dict):
        return None
    return items[index].get(field_name)


# A spreadsheet program runs a cell that starts with one of these as a formula; a citizen's answer
# must never run. (An XLSX cell is marked as text instead; a CSV has no such marking.)
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d\s.,]*$")  # +994 50 123 45 67, -5: harmless


def csv_safe(value: str) -> str:
    if FORMULA_START.match(value) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value
