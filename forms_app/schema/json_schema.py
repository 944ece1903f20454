"""A published form as JSON Schema: what the API takes as a declaration, so a client (or a fuzzer)
can build and check one before sending it. Each field type describes its own answer
(`FieldType.json_schema`); this module adds what the form says: required fields, repeating groups
with their limits, and the conditions under which a field is asked.

The server stays the authority: some checks have no JSON Schema (an IBAN's check digits, a FİN
used twice, an income owner who is not declared), and the server strips spaces and accepts other
spellings of a mobile number. The schema describes what a careful client sends.
"""

import datetime
import unicodedata

from ..plugins import get_validator
from ..validators import REFUSED_CATEGORIES
from .conditions import CHANNEL
from .definition import Condition, FieldDefinition, FormDefinition, GroupDefinition

API_CHANNEL = "api"


def _ranges(codepoints) -> str:
    """Code points as the inside of a character class, in \\uXXXX escapes: the one notation
    both JSON Schema's (ECMA 262) regular expressions and Python's understand; Unicode property
    classes like \\p{Cc} are not in Python's."""
    ranges, start, previous = [], None, None
    for cp in codepoints:
        if start is None:
            start = previous = cp
        elif cp == previous + 1:
            previous = cp
        else:
            ranges.append((start, previous))
            start = previous = cp
    if start is not None:
        ranges.append((start, previous))
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


# Characters no text answer may have (validators.REFUSED_CATEGORIES), in the Basic Multilingual
# Plane (the server refuses the rarer ones beyond it too). Surrogates are left out: no JSON text
# can hold a lone one, and regular expression engines refuse to name them.
REFUSED = _ranges(
    cp for cp in range(0x10000) if unicodedata.category(chr(cp)) in REFUSED_CATEGORIES - {"Cs"}
)


def plain_text_schema(required: bool, *, multiline=False, max_length=None, min_length=None):
    """A text without control, bidirectional or zero-width characters; when required, with
    something besides spaces in it."""
    allowed = rf"[^{REFUSED}]" if not multiline else rf"(?:[^{REFUSED}]|[\n\r\t])"
    visible = rf"[^\s{REFUSED}]"
    pattern = rf"^\s*{visible}{allowed}*$" if required else rf"^{allowed}*$"
    schema = {"type": "string", "pattern": pattern}
    if max_length:
        schema["maxLength"] = max_length
    if min_length:
        schema["minLength"] = min_length
    return schema


# Dates: a regular expression for every ISO date between two -------------------------------------


def date_range_pattern(earliest: datetime.date, latest: datetime.date) -> str:
    """An anchored regular expression matching the ISO dates (YYYY-MM-DD) from `earliest` to
    `latest`. ISO dates sort as text, so this is the range of strings between the two, shaped
    like a date; `"format": "date"` beside it rules out 30 February."""
    low, high = earliest.isoformat(), latest.isoformat()
    shape = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    return rf"^(?=(?:{shape})$)(?:{_between(low, high)})$"


def _any(template: str) -> str:
    return "".join(r"\d" if ch.isdigit() else ch for ch in template)


def _digits(first: int, last: int) -> str:
    return str(first) if first == last else f"[{first}-{last}]"


def _at_least(low: str) -> str:
    """Strings shaped like `low` (digits and dashes), from `low` upwards."""
    branches = [low]
    for i, ch in enumerate(low):
        if ch.isdigit() and ch != "9":
            branches.append(f"{low[:i]}{_digits(int(ch) + 1, 9)}{_any(low[i + 1 :])}")
    return "|".join(branches)


def _at_most(high: str) -> str:
    branches = [high]
    for i, ch in enumerate(high):
        if ch.isdigit() and ch != "0":
            branches.append(f"{high[:i]}{_digits(0, int(ch) - 1)}{_any(high[i + 1 :])}")
    return "|".join(branches)


def _between(low: str, high: str) -> str:
    if low > high:
        return "(?!)"  # nothing
    i = next((i for i, (a, b) in enumerate(zip(low, high, strict=True)) if a != b), len(low))
    if i == len(low):
        return low
    prefix, a, b, rest = low[:i], int(low[i]), int(high[i]), len(low) - i - 1
    branches = [
        f"{prefix}{a}(?:{_at_least(low[i + 1 :])})" if rest else f"{prefix}{a}",
        f"{prefix}{b}(?:{_at_most(high[i + 1 :])})" if rest else f"{prefix}{b}",
    ]
    if b - a > 1:
        branches.append(f"{prefix}{_digits(a + 1, b - 1)}{_any(low[i + 1 :])}")
    return "|".join(branches)


# The declaration -------------------------------------------------------------------------------


def field_schema(field: FieldDefinition) -> dict:
    from .fields import field_type_of

    schema = dict(field_type_of(field).json_schema(field))
    for name in field.options.get("validators") or []:
        validator = get_validator(name)
        if validator and validator.json_schema:
            schema.update(validator.json_schema)
    return schema


def declaration_schema(definition: FormDefinition, *, title: str = "") -> dict:
    """The JSON Schema of a declaration sent to the API (channel "api")."""
    properties, required, conditional = {}, [], []
    for step in definition.steps:
        if not _can_apply(step.condition):
            continue
        for item in step.items:
            if isinstance(item, FieldDefinition) and not item.is_input:
                continue
            if not _can_apply(item.condition):
                continue
            if isinstance(item, GroupDefinition):
                properties[item.name] = group_schema(item)
                asked = item.min_items > 0
            else:
                properties[item.name] = field_schema(item)
                asked = item.required
            if not asked:
                continue
            conditions = [c for c in (step.condition, item.condition) if _depends(c)]
            if conditions:
                conditional.append(_required_when(conditions, item.name, properties))
            else:
                required.append(item.name)
    schema = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if title:
        schema["title"] = title
    # A condition that refers to a later field is applied once every field is known.
    conditional = [c(properties) for c in conditional]
    conditional = [c for c in conditional if c]
    if conditional:
        schema["allOf"] = conditional
    return schema


def group_schema(group: GroupDefinition) -> dict:
    properties, required, conditional = {}, [], []
    for field in group.input_fields:
        if not _can_apply(field.condition):
            continue
        properties[field.name] = field_schema(field)
        if not field.required:
            continue
        if _depends(field.condition):
            conditional.append(_required_when([field.condition], field.name, properties))
        else:
            required.append(field.name)
    item = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    conditional = [c(properties) for c in conditional]
    conditional = [c for c in conditional if c]
    if conditional:
        item["allOf"] = conditional
    return {
        "type": "array",
        "items": item,
        "minItems": group.min_items,
        "maxItems": group.max_items,
    }


def _can_apply(condition: Condition | None) -> bool:
    """False for what is asked only on another channel (e.g. the post office's consent)."""
    if condition is None or condition.field != CHANNEL:
        return True
    values = {v.strip() for v in condition.value.split(",")}
    match condition.operator:
        case "equals":
            return condition.value.strip() == API_CHANNEL
        case "not_equals":
            return condition.value.strip() != API_CHANNEL
        case "in":
            return API_CHANNEL in values
    return False


def _depends(condition: Condition | None) -> bool:
    return condition is not None and condition.field != CHANNEL


def _required_when(conditions: list[Condition], name: str, properties: dict):
    """`if` the conditions hold `then` `name` is required; built once `properties` is complete.
    A condition JSON Schema can't state (a field elsewhere, a comparison of dates) leaves the
    field optional in the schema; the server still requires it."""

    def build(properties):
        tests = [_test(c, properties) for c in conditions]
        if any(t is None for t in tests):
            return None
        names = [c.field for c in conditions]
        return {
            "if": {
                "properties": {n: t for n, t in zip(names, tests, strict=True)},
                "required": names,
            },
            "then": {"required": [name]},
        }

    return build


def _test(condition: Condition, properties: dict) -> dict | None:
    controlling = properties.get(condition.field)
    if controlling is None:
        return None
    expected = condition.value.strip()

    def typed(text):
        if controlling.get("type") == "boolean":
            return {"yes": True, "no": False}.get(text, text)
        if controlling.get("type") == "integer":
            try:
                return int(text)
            except ValueError:
                return text
        return text

    match condition.operator:
        case "equals":
            if controlling.get("type") == "array":
                return {"contains": {"const": expected}}
            return {"const": typed(expected)}
        case "not_equals":
            return {"not": {"const": typed(expected)}}
        case "in":
            return {"enum": [typed(v.strip()) for v in expected.split(",")]}
        case "greater" | "less" if controlling.get("type") in ("integer", "number"):
            try:
                limit = float(expected)
            except ValueError:
                return None
            keyword = "exclusiveMinimum" if condition.operator == "greater" else "exclusiveMaximum"
            return {keyword: limit}
    return None
