"""The HTTP client for one registry: timeouts, and retries with exponential backoff and jitter on
transient failures only. It does no database work, so many can run in threads at once (the
circuit breaker and the stored look-ups are handled by lookups.py around it). Tests pass an httpx
transport (e.g. httpx.WSGITransport over the mocks) instead of the network."""

import random
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from ..models import LookupOutcome, RegistrySource

# Worth trying again: the registry or the network may recover in a moment.
TRANSIENT_STATUSES = {429, 500, 502, 503, 504}


@dataclass
class CallResult:
    """What one call (with its retries) gave."""

    registry: str
    pins: list[str]
    request: dict
    outcome: str
    status: int | None = None
    body: Any = None
    attempts: int = 0
    latency_ms: int = 0
    error: str = ""
    requested_at: float = field(default_factory=time.time)

    @property
    def reached(self) -> bool:
        return self.outcome in (LookupOutcome.FOUND, LookupOutcome.NOT_FOUND)


class RegistryClient:
    def __init__(
        self,
        source: RegistrySource,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep=time.sleep,
    ):
        self.source = source
        self.sleep = sleep
        self.http = httpx.Client(
            base_url=source.base_url.rstrip("/") + "/",
            headers={"X-Api-Key": source.api_key, "Accept": "application/json"},
            timeout=httpx.Timeout(source.read_timeout, connect=source.connect_timeout),
            transport=transport,
        )

    def close(self):
        self.http.close()

    def person(self, pin: str, as_of: date | None = None) -> CallResult:
        params = {"as_of": as_of.isoformat()} if as_of else None
        return self._call("GET", f"v1/persons/{pin}", pins=[pin], params=params)

    def batch(self, pins: list[str], as_of: date | None = None) -> CallResult:
        body = {"pins": pins, **({"as_of": as_of.isoformat()} if as_of else {})}
        return self._call("POST", "v1/persons/batch", pins=pins, json=body)

    def _call(
        self, method: str, path: str, *, pins: list[str], json=None, params=None
    ) -> CallResult:
        request = {"method": method, "url": str(self.http.base_url.join(path))}
        if params:
            request["params"] = params
        if json is not None:
            request["json"] = json
        result = CallResult(self.source.code, pins, request, outcome=LookupOutcome.ERROR)
        started = time.monotonic()
        for attempt in range(1, self.source.retries + 2):
            result.attempts = attempt
            transient = self._attempt(result, method, path, json, params)
            if not transient or attempt > self.source.retries:
                break
            # Exponential backoff with full jitter, so workers don't retry in lock-step.
            self.sleep(random.uniform(0, self.source.backoff_seconds * 2 ** (attempt - 1)))
        result.latency_ms = int((time.monotonic() - started) * 1000)
        return result

    def _attempt(self, result: CallResult, method, path, json, params) -> bool:
        """One HTTP attempt; fills `result` and says whether a retry could help."""
        try:
            response = self.http.request(method, path, json=json, params=params)
        except httpx.TimeoutException as error:
            result.outcome, result.error, result.status = LookupOutcome.TIMEOUT, str(error), None
            return True
        except httpx.TransportError as error:
            result.outcome, result.error, result.status = LookupOutcome.ERROR, str(error), None
            return True
        result.status = response.status_code
        try:
            result.body = response.json()
        except ValueError:
            result.body = response.text[:2000]
            result.outcome = LookupOutcome.MALFORMED if response.is_success else LookupOutcome.ERROR
            return response.status_code in TRANSIENT_STATUSES or response.is_success
        if response.status_code == 404:
            result.outcome = LookupOutcome.NOT_FOUND
            return False
        if response.is_success:
            result.outcome = LookupOutcome.FOUND
            return False
        timed_out = response.status_code == 504
        result.outcome = LookupOutcome.TIMEOUT if timed_out else LookupOutcome.ERROR
        return response.status_code in TRANSIENT_STATUSES
