"""The mocks' HTTP API: JSON only, for machines, so CSRF-exempt and keyed by X-Api-Key.

Every answer about persons goes through `_answer`, which applies the registry's faults and the
scenario faults before the registry is asked. Errors are written in each registry's own format.
"""

import hmac
import json
import re
from datetime import date

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from . import declarations, faults, scenarios
from .building import REFERENCE_DATE, today
from .conf import mock_setting
from .identifiers import encode_pin, is_valid_pin
from .population import current_population
from .registries import REGISTRIES, get_registry
from .registries.base import ERROR_STATUS

BATCH_LIMIT = 100
# Households a page of the population's declarations covers at most (about 1.3 ms each).
DECLARATIONS_PAGE_LIMIT = 1000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PIN_RULE = "a PIN is 7 characters: digits and capital Latin letters except I and O"


def _json(data, *, status=200, content_type="application/json", headers=None) -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        safe=False,
        content_type=f"{content_type}; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
        headers=headers,
    )


def _error(registry, kind, detail="", headers=None) -> JsonResponse:
    errors = registry.errors
    return _json(
        errors.render(kind, detail),
        status=ERROR_STATUS[kind],
        content_type=errors.content_type,
        headers=headers,
    )


def _no_such_endpoint(path) -> JsonResponse:
    return _json({"error": "not_found", "message": f"No such endpoint: {path}"}, status=404)


def _admit(request, registry, method) -> JsonResponse | None:
    """The gate every registry request passes: outage, then API key, then method."""
    retry_after = faults.outage_retry_after(
        faults.effective_config(registry.code), timezone.localtime()
    )
    if retry_after is not None:
        return _error(
            registry,
            "unavailable",
            "planned maintenance",
            headers={"Retry-After": str(retry_after)},
        )
    if not _has_valid_key(request):
        return _error(registry, "unauthorized")
    if request.method != method:
        return _error(registry, "method_not_allowed", f"use {method}", headers={"Allow": method})
    return None


def _has_valid_key(request) -> bool:
    key = request.headers.get("X-Api-Key", "").encode()
    return any(hmac.compare_digest(key, valid.encode()) for valid in mock_setting("API_KEYS"))


def _as_of(value) -> date:
    """The day "the last 12 months" count back from; ValueError if it is not YYYY-MM-DD."""
    if value in (None, ""):
        return today()
    if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        raise ValueError(value)
    return date.fromisoformat(value)


def _answer(registry, pins, respond) -> HttpResponse:
    """Apply configured and scenario faults, then call `respond`."""
    config = faults.effective_config(registry.code)
    failure = faults.draw_failure(config)
    scenario_fault = scenarios.fault_for(registry.code, pins)
    if "timeout" in (failure, scenario_fault):
        faults.sleep(config["timeout_sleep_s"])
        return _error(registry, "timeout")
    faults.sleep(faults.latency_seconds(config))
    if "error" in (failure, scenario_fault):
        return _error(registry, "internal")
    if scenario_fault == "slow":
        faults.sleep(config["slow_ms"] / 1000)
    response = respond()
    if scenario_fault == "malformed":
        # A body cut off halfway, as a proxy that dropped the connection would leave it.
        response.content = response.content[: len(response.content) // 2]
    return response


@csrf_exempt
def person(request, code, pin):
    registry = get_registry(code)
    if registry is None:
        return _no_such_endpoint(request.path)
    if refusal := _admit(request, registry, "GET"):
        return refusal
    if not is_valid_pin(pin):
        return _error(registry, "bad_request", PIN_RULE)
    try:
        as_of = _as_of(request.GET.get("as_of"))
    except ValueError:
        return _error(registry, "bad_request", "as_of is a date: YYYY-MM-DD")

    def respond():
        record = registry.person(pin, current_population(), as_of)
        return _json(record) if record is not None else _error(registry, "not_found")

    return _answer(registry, [pin], respond)


@csrf_exempt
def batch(request, code):
    registry = get_registry(code)
    if registry is None:
        return _no_such_endpoint(request.path)
    if refusal := _admit(request, registry, "POST"):
        return refusal
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _error(registry, "bad_request", 'the body is JSON: {"pins": [...]}')
    pins = payload.get("pins") if isinstance(payload, dict) else None
    if not isinstance(pins, list) or not all(isinstance(pin, str) for pin in pins):
        return _error(registry, "bad_request", '"pins" is a list of PIN strings')
    if not 1 <= len(pins) <= BATCH_LIMIT:
        return _error(registry, "bad_request", f"a batch has 1 to {BATCH_LIMIT} PINs")
    try:
        as_of = _as_of(payload.get("as_of"))
    except ValueError:
        return _error(registry, "bad_request", "as_of is a date: YYYY-MM-DD")

    def respond():
        population = current_population()
        results = []
        for pin in pins:
            if not is_valid_pin(pin):
                results.append(
                    {
                        "pin": pin,
                        "status": 400,
                        "body": registry.errors.render("bad_request", PIN_RULE),
                    }
                )
            elif (record := registry.person(pin, population, as_of)) is not None:
                results.append({"pin": pin, "status": 200, "body": record})
            else:
                results.append(
                    {"pin": pin, "status": 404, "body": registry.errors.render("not_found")}
                )
        return _json({"registry": registry.code, "asOf": as_of.isoformat(), "results": results})

    return _answer(registry, pins, respond)


@csrf_exempt
def fault_settings(request, code):
    """GET shows a registry's faults; POST replaces its run-time override with the posted
    settings; DELETE drops the override. Never subject to faults itself, so that an outage can
    be ended."""
    registry = get_registry(code)
    if registry is None:
        return _no_such_endpoint(request.path)
    if not _has_valid_key(request):
        return _error(registry, "unauthorized")
    if request.method == "POST":
        try:
            config = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            config = None
        if not isinstance(config, dict):
            return _error(registry, "bad_request", "the body is a JSON object of fault settings")
        try:
            faults.set_faults(code, **config)
        except faults.FaultConfigError as error:
            return _error(registry, "bad_request", str(error))
    elif request.method == "DELETE":
        faults.reset_faults(code)
    elif request.method != "GET":
        return _error(
            registry,
            "method_not_allowed",
            "use GET, POST or DELETE",
            headers={"Allow": "GET, POST, DELETE"},
        )
    return _json(
        {
            "registry": code,
            "override": faults.runtime_override(code),
            "effective": faults.effective_config(code),
        }
    )


def _endpoints(code) -> dict:
    sample = encode_pin(0, 0)
    return {
        "person": reverse("registry_mocks:person", args=[code, sample]).replace(sample, "{pin}"),
        "batch": reverse("registry_mocks:batch", args=[code]),
        "faults": reverse("registry_mocks:faults", args=[code]),
    }


@csrf_exempt
def catalogue(request):
    population = current_population()
    return _json(
        {
            "registries": [
                {
                    "code": registry.code,
                    "name": registry.name,
                    "description": registry.description,
                    "endpoints": _endpoints(registry.code),
                    "errors": {
                        "content_type": registry.errors.content_type,
                        "example": registry.errors.example(),
                    },
                }
                for registry in REGISTRIES.values()
            ],
            "auth": {"header": "X-Api-Key"},
            "batch_limit": BATCH_LIMIT,
            "population": {
                "households": population.size,
                "reference_date": REFERENCE_DATE.isoformat(),
                "as_of": today().isoformat(),
                "example_pin": encode_pin(0, 0),
            },
            "scenarios": reverse("registry_mocks:scenarios"),
            "population_declarations": reverse("registry_mocks:population_declarations"),
        }
    )


@csrf_exempt
def scenario_table(request):
    try:
        as_of = _as_of(request.GET.get("as_of"))
    except ValueError:
        return _json({"error": "bad_request", "message": "as_of is a date: YYYY-MM-DD"}, status=400)
    return _json(
        {"scenarios": [declarations.as_dict(s, as_of) for s in scenarios.SCENARIOS.values()]}
    )


@csrf_exempt
def population_declarations(request):
    """What the applicants of households `start` … `start + count - 1` would declare (those who
    can apply), for a tool that sends realistic declarations (the load run). Like the scenario
    table, no key: the population is synthetic."""
    population = current_population()
    try:
        start = int(request.GET.get("start", "0"))
        count = int(request.GET.get("count", "100"))
        if start < 0 or not 1 <= count <= DECLARATIONS_PAGE_LIMIT:
            raise ValueError
    except ValueError:
        message = f"start ≥ 0 and 1 ≤ count ≤ {DECLARATIONS_PAGE_LIMIT} are whole numbers"
        return _json({"error": "bad_request", "message": message}, status=400)
    try:
        as_of = _as_of(request.GET.get("as_of"))
    except ValueError:
        return _json({"error": "bad_request", "message": "as_of is a date: YYYY-MM-DD"}, status=400)
    stop = start + count
    return _json(
        {
            "households": population.size,
            "as_of": as_of.isoformat(),
            "start": start,
            "count": count,
            # Where the next page starts; null after the last household.
            "next": stop if stop < population.size else None,
            "declarations": declarations.population_declarations(population, as_of, start, count),
        }
    )


@csrf_exempt
def not_found(request, path=""):
    return _no_such_endpoint(request.path)
