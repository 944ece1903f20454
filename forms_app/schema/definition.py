"""A published form's schema as plain data: what the engine renders and validates.

A `DeclarationFormVersion` stores the StreamField's raw JSON; `FormDefinition.from_stream`
reads it without touching Wagtail's blocks, so an old version keeps working after the blocks
change.
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import get_language

LANGUAGES = ("az", "ru", "en")


def localised(texts: dict | None, language: str | None = None) -> str:
    """The text in the language asked for, else Azerbaijani (always filled in)."""
    if not texts:
        return ""
    language = (language or get_language() or "az")[:2]
    return texts.get(language) or texts.get("az") or ""


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str
    value: str

    @classmethod
    def from_value(cls, value: dict | None) -> "Condition | None":
        if not value or not value.get("field"):
            return None
        return cls(value["field"], value.get("operator") or "equals", value.get("value") or "")

    def as_json(self):
        return {"field": self.field, "operator": self.operator, "value": self.value}


@dataclass(frozen=True)
class FieldDefinition:
    type: str
    name: str
    label: dict
    help_text: dict = field(default_factory=dict)
    error_text: dict = field(default_factory=dict)
    required: bool = True
    condition: Condition | None = None
    options: dict[str, Any] = field(default_factory=dict)  # type-specific settings

    @property
    def is_input(self) -> bool:
        return self.type != "display_text"

    def as_json(self):
        data = {
            "type": self.type,
            "name": self.name,
            "label": self.label,
            "required": self.required,
            **self.options,
        }
        if self.help_text:
            data["help_text"] = self.help_text
        if self.error_text:
            data["error_text"] = self.error_text
        if self.condition:
            data["condition"] = self.condition.as_json()
        return data


@dataclass(frozen=True)
class GroupDefinition:
    name: str
    label: dict
    item_label: dict
    fields: tuple[FieldDefinition, ...]
    help_text: dict = field(default_factory=dict)
    min_items: int = 0
    max_items: int = 10
    condition: Condition | None = None
    type: str = "group"

    # A definition never changes once read: what is derived from it is worked out once.
    @cached_property
    def input_fields(self) -> tuple[FieldDefinition, ...]:
        return tuple(f for f in self.fields if f.is_input)

    def as_json(self):
        data = {
            "type": "group",
            "name": self.name,
            "label": self.label,
            "item_label": self.item_label,
            "min_items": self.min_items,
            "max_items": self.max_items,
            "fields": [f.as_json() for f in self.fields],
        }
        if self.help_text:
            data["help_text"] = self.help_text
        if self.condition:
            data["condition"] = self.condition.as_json()
        return data


@dataclass(frozen=True)
class StepDefinition:
    name: str
    title: dict
    items: tuple[FieldDefinition | GroupDefinition, ...]
    condition: Condition | None = None

    @cached_property
    def fields(self) -> tuple[FieldDefinition, ...]:
        return tuple(i for i in self.items if isinstance(i, FieldDefinition) and i.is_input)

    @cached_property
    def groups(self) -> tuple[GroupDefinition, ...]:
        return tuple(i for i in self.items if isinstance(i, GroupDefinition))

    def as_json(self):
        data = {"name": self.name, "title": self.title, "items": [i.as_json() for i in self.items]}
        if self.condition:
            data["condition"] = self.condition.as_json()
        return data


@dataclass(frozen=True)
class FormDefinition:
    steps: tuple[StepDefinition, ...]

    @classmethod
    def from_stream(cls, raw: list[dict]) -> "FormDefinition":
        steps = tuple(_step(block["value"]) for block in raw if block.get("type") == "step")
        return cls(steps)

    def step(self, name: str) -> StepDefinition | None:
        return next((s for s in self.steps if s.name == name), None)

    def all_fields(self):
        """(path, definition) for every input field, groups' fields as `group[].field`."""
        for step in self.steps:
            for item in step.items:
                if isinstance(item, GroupDefinition):
                    for f in item.input_fields:
                        yield f"{item.name}[].{f.name}", f
                elif item.is_input:
                    yield item.name, item

    def as_json(self):
        return {"steps": [s.as_json() for s in self.steps]}


_COMMON = {"name", "label", "help_text", "error_text", "required", "condition"}


def _text(value) -> dict:
    return {k: v for k, v in (value or {}).items() if v}


def _plain(value):
    """A ListBlock's items as plain values: Wagtail saves each as {"type": "item", "value": …,
    "id": …} once an editor has saved the list in the admin; hand-written JSON has plain values."""
    if not isinstance(value, list):
        return value
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in value
    ]


def _field(block_type: str, value: dict) -> FieldDefinition:
    if block_type == "display_text":
        return FieldDefinition(
            type="display_text",
            name="",
            label=_text(value.get("text")),
            required=False,
            condition=Condition.from_value(value.get("condition")),
        )
    # An empty setting is no setting: hand-written JSON leaves it out, the admin saves "" or [].
    options = {
        k: _plain(v) for k, v in value.items() if k not in _COMMON and v not in (None, "", [])
    }
    return FieldDefinition(
        type=block_type,
        name=value["name"],
        label=_text(value.get("label")),
        help_text=_text(value.get("help_text")),
        error_text=_text(value.get("error_text")),
        required=bool(value.get("required")),
        condition=Condition.from_value(value.get("condition")),
        options=options,
    )


def _group(value: dict) -> GroupDefinition:
    return GroupDefinition(
        name=value["name"],
        label=_text(value.get("label")),
        item_label=_text(value.get("item_label")),
        help_text=_text(value.get("help_text")),
        fields=tuple(_field(b["type"], b["value"]) for b in value.get("fields") or []),
        min_items=int(value.get("min_items") or 0),
        max_items=int(value.get("max_items") or 10),
        condition=Condition.from_value(value.get("condition")),
    )


def _step(value: dict) -> StepDefinition:
    items = []
    for block in value.get("fields") or []:
        if block["type"] == "group":
            items.append(_group(block["value"]))
        else:
            items.append(_field(block["type"], block["value"]))
    return StepDefinition(
        name=value["name"],
        title=_text(value.get("title")),
        items=tuple(items),
        condition=Condition.from_value(value.get("condition")),
    )
