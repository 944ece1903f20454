"""What changed between two versions of a form.

Fields are matched by their machine-name path (`pin`, `family_members[].pin`), never by label:
the machine name is what keeps an answer's meaning while its label is reworded. Repeating groups
are compared as `family_members[]`, steps by their machine name.
"""

from dataclasses import dataclass
from typing import Any

from .definition import FieldDefinition, FormDefinition, GroupDefinition, StepDefinition


@dataclass(frozen=True)
class Change:
    attribute: str  # "label", "required", "condition", "options", "max_length", …
    old: Any
    new: Any


@dataclass(frozen=True)
class Entry:
    """A step, group or field as one side of the comparison sees it."""

    path: str
    kind: str  # "step", "group" or the field's type
    label: dict  # by language
    attributes: dict


@dataclass(frozen=True)
class Changed:
    old: Entry
    new: Entry
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Section:
    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    changed: tuple[Changed, ...]

    def __bool__(self):
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class DefinitionDiff:
    steps: Section
    fields: Section  # groups included, as `name[]`

    def __bool__(self):
        return bool(self.steps or self.fields)


def diff_definitions(old: FormDefinition, new: FormDefinition) -> DefinitionDiff:
    return DefinitionDiff(
        steps=_section(_steps(old), _steps(new)),
        fields=_section(_fields(old), _fields(new)),
    )


def _section(old: dict[str, Entry], new: dict[str, Entry]) -> Section:
    changed = []
    for path in new.keys() & old.keys():
        changes = _changes(old[path], new[path])
        if changes:
            changed.append(Changed(old[path], new[path], changes))
    order = list(new)  # the new version's order; removed entries keep the old one's
    return Section(
        added=tuple(new[p] for p in new if p not in old),
        removed=tuple(old[p] for p in old if p not in new),
        changed=tuple(sorted(changed, key=lambda c: order.index(c.new.path))),
    )


def _changes(old: Entry, new: Entry) -> tuple[Change, ...]:
    old_attributes = {"type": old.kind, "label": old.label, **old.attributes}
    new_attributes = {"type": new.kind, "label": new.label, **new.attributes}
    return tuple(
        Change(name, old_attributes.get(name), new_attributes.get(name))
        for name in dict.fromkeys([*old_attributes, *new_attributes])
        if old_attributes.get(name) != new_attributes.get(name)
    )


def _steps(definition: FormDefinition) -> dict[str, Entry]:
    return {
        s.name: Entry(s.name, "step", s.title, {"condition": _condition(s)})
        for s in definition.steps
    }


def _fields(definition: FormDefinition) -> dict[str, Entry]:
    """Every group and input field, in the order of the form. A field's settings (its choices,
    lengths, limits…) are compared one by one."""
    step_of = {}
    groups = {}
    for step in definition.steps:
        for item in step.items:
            step_of[item.name] = step
            if isinstance(item, GroupDefinition):
                groups[item.name] = item
    entries = {}
    for path, field in definition.all_fields():
        group_name = path.split("[]", 1)[0] if "[]" in path else None
        if group_name and f"{group_name}[]" not in entries:
            entries[f"{group_name}[]"] = _group_entry(groups[group_name], step_of[group_name])
        entries[path] = _field_entry(path, field, step_of[group_name or field.name])
    return entries


def _group_entry(group: GroupDefinition, step: StepDefinition) -> Entry:
    attributes = {
        "step": step.name,
        "item_label": group.item_label,
        "help_text": group.help_text,
        "min_items": group.min_items,
        "max_items": group.max_items,
        "condition": _condition(group),
    }
    return Entry(f"{group.name}[]", "group", group.label, attributes)


def _field_entry(path: str, field: FieldDefinition, step: StepDefinition) -> Entry:
    attributes = {
        "step": step.name,
        "required": field.required,
        "help_text": field.help_text,
        "error_text": field.error_text,
        "condition": _condition(field),
        **field.options,
    }
    return Entry(path, field.type, field.label, attributes)


def _condition(item) -> dict | None:
    return item.condition.as_json() if item.condition else None
