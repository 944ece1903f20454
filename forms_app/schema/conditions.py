"""Visibility conditions: whether a field, group or step applies, given the other answers."""

from decimal import Decimal, InvalidOperation

from .definition import Condition

CHANNEL = "_channel"


def _as_text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _as_number(value) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def is_met(condition: Condition | None, lookup) -> bool:
    """`lookup(name)` gives the current answer to `name` (None when unanswered or hidden)."""
    if condition is None:
        return True
    answer = lookup(condition.field)
    answers = answer if isinstance(answer, list) else [answer]
    texts = [_as_text(a) for a in answers]
    expected = condition.value.strip()
    match condition.operator:
        case "equals":
            return expected in texts
        case "not_equals":
            return expected not in texts
        case "in":
            allowed = {v.strip() for v in expected.split(",")}
            return any(t in allowed for t in texts)
        case "greater" | "less":
            number, limit = _as_number(answer), _as_number(expected)
            if number is None or limit is None:
                # Dates compare as ISO strings; anything else unanswered is "not met".
                if isinstance(answer, str) and answer and expected:
                    return (
                        answer > expected if condition.operator == "greater" else answer < expected
                    )
                return False
            return number > limit if condition.operator == "greater" else number < limit
    return False


def answer_lookup(answers: dict, *, channel: str, item: dict | None = None):
    """Look an answer up in a group's item first, then in the whole declaration."""

    def lookup(name):
        if name == CHANNEL:
            return channel
        if item is not None and name in item:
            return item[name]
        return answers.get(name)

    return lookup
