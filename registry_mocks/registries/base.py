"""What every registry mock shares: looking a person up, and writing errors in its own format."""

from datetime import date
from decimal import Decimal
from http import HTTPStatus

from ..building import today
from ..people import Household, Person, last_12_months

# Every error a mock can answer, with its HTTP status.
ERROR_STATUS = {
    "bad_request": 400,
    "unauthorized": 401,
    "not_found": 404,
    "method_not_allowed": 405,
    "internal": 500,
    "unavailable": 503,
    "timeout": 504,
}

MESSAGES = {
    "en": {
        "bad_request": "Bad request",
        "unauthorized": "Missing or invalid API key",
        "not_found": "No person with this PIN",
        "method_not_allowed": "Method not allowed",
        "internal": "Internal error",
        "unavailable": "Service temporarily unavailable",
        "timeout": "Upstream system did not answer in time",
    },
    "az": {
        "bad_request": "Sorğu düzgün deyil",
        "unauthorized": "API açarı yoxdur və ya etibarsızdır",
        "not_found": "Bu FİN üzrə şəxs tapılmadı",
        "method_not_allowed": "Metoda icazə verilmir",
        "internal": "Daxili xəta",
        "unavailable": "Xidmət müvəqqəti əlçatan deyil",
        "timeout": "Mənbə sistem vaxtında cavab vermədi",
    },
}


class ErrorFormat:
    """How one registry writes an error. `codes` overrides the format's codes per error kind."""

    content_type = "application/json"
    default_codes: dict[str, str] = {}

    def __init__(self, *, language="en", codes=None):
        self.language = language
        self.codes = {**self.default_codes, **(codes or {})}

    def message(self, kind: str, detail: str) -> str:
        text = MESSAGES[self.language][kind]
        return f"{text}: {detail}" if detail else text

    def render(self, kind: str, detail: str = "") -> dict:
        return self.body(kind, ERROR_STATUS[kind], self.codes[kind], self.message(kind, detail))

    def body(self, kind: str, status: int, code: str, message: str) -> dict:
        raise NotImplementedError

    def example(self) -> dict:
        return self.render("not_found")


_SCREAMING = {
    "bad_request": "BAD_REQUEST",
    "unauthorized": "UNAUTHORIZED",
    "not_found": "NOT_FOUND",
    "method_not_allowed": "METHOD_NOT_ALLOWED",
    "internal": "INTERNAL_ERROR",
    "unavailable": "SERVICE_UNAVAILABLE",
    "timeout": "GATEWAY_TIMEOUT",
}


class CodeMessage(ErrorFormat):
    """{"errorCode": "NOT_FOUND", "errorMessage": "…"}"""

    default_codes = _SCREAMING

    def body(self, kind, status, code, message):
        return {"errorCode": code, "errorMessage": message}


class NestedError(ErrorFormat):
    """{"error": {"code": "…", "message": "…"}}"""

    default_codes = _SCREAMING

    def body(self, kind, status, code, message):
        return {"error": {"code": code, "message": message}}


class Problem(ErrorFormat):
    """RFC 9457 problem details: {"type", "title", "status", "detail"}."""

    content_type = "application/problem+json"
    default_codes = {kind: kind.replace("_", "-") for kind in ERROR_STATUS}

    def __init__(self, *, base_uri, **kwargs):
        super().__init__(**kwargs)
        self.base_uri = base_uri

    def body(self, kind, status, code, message):
        return {
            "type": f"{self.base_uri}/{code}",
            "title": HTTPStatus(status).phrase,
            "status": status,
            "detail": message,
        }


class StatusEnvelope(ErrorFormat):
    """{"status": "ERROR", "statusCode": 404, "message": "…", "data": null}; its answers put the
    record in "data" with "status": "OK"."""

    default_codes = {kind: str(status) for kind, status in ERROR_STATUS.items()}

    def body(self, kind, status, code, message):
        return {"status": "ERROR", "statusCode": int(code), "message": message, "data": None}


class ResultList(ErrorFormat):
    """{"success": false, "result": null, "errors": [{"code": "…", "text": "…"}]}; its answers
    put the record in "result" with "success": true."""

    default_codes = {kind: f"E{status}" for kind, status in ERROR_STATUS.items()}

    def body(self, kind, status, code, message):
        return {"success": False, "result": None, "errors": [{"code": code, "text": message}]}


class SoapFault(ErrorFormat):
    """The JSON face of an old SOAP service: {"Fault": {"Code", "Reason", "Detail"}}."""

    default_codes = {kind: str(status) for kind, status in ERROR_STATUS.items()}

    def body(self, kind, status, code, message):
        side = "soap:Client" if status < 500 else "soap:Server"
        return {"Fault": {"Code": side, "Reason": message, "Detail": {"ErrorNumber": code}}}


class Registry:
    """One agency registry. Subclasses set the class attributes and write `record`."""

    code: str
    name: dict[str, str]  # az, ru, en
    description: dict[str, str]  # az, en
    errors: ErrorFormat
    # Only the civil-status stack (civil registry, ID cards, address registration) refuses a person
    # the civil registry does not know; other agencies key their records by PIN alone.
    needs_civil_record = False

    def person(self, pin: str, population, as_of: date | None = None) -> dict | None:
        """This registry's answer about one person, or None when it does not know the PIN.
        `as_of` (default: today) ends the 12 months of the monthly series."""
        person = population.person(pin)
        if person is None or (self.needs_civil_record and not person.in_civil_registry):
            return None
        household = population.household(person.household_index)
        return self.record(person, household, as_of or today())

    def record(self, person: Person, household: Household, as_of: date) -> dict:
        raise NotImplementedError


# Value formats the registries use, so each one's choice is explicit.


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def amount(value: Decimal | None) -> str | None:
    """An amount as a string with two decimals: "450.00"."""
    return None if value is None else f"{value:.2f}"


def number(value: Decimal | None) -> float | None:
    """An amount as a JSON number: 450.0."""
    return None if value is None else float(value)


def month_key(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def window(as_of: date) -> tuple[list[tuple[int, int]], dict]:
    """The 12 months before `as_of`, and how a registry states that period."""
    months = last_12_months(as_of)
    return months, {"from": month_key(*months[0]), "to": month_key(*months[-1])}
