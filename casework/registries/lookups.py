"""Looking a family up in every registry at once: a case costs about the slowest registry, not
the sum. HTTP runs in threads; the circuit breaker and the stored look-ups stay in the calling
thread, so the database sees one connection and one transaction per case."""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date

from django.utils import timezone

from ..models import LookupOutcome, RegistryLookup, RegistrySource
from . import breaker
from .client import CallResult, RegistryClient
from .readers import ANSWER_ERRORS

logger = logging.getLogger(__name__)

MAX_THREADS = 64
MAX_BATCH = 100  # what the gateway's batch endpoints take in one call


# One client per registry and process: building one (its TLS context) costs tens of ms, and a
# kept-alive connection pool saves a handshake on every case.
_clients: dict[tuple, RegistryClient] = {}
_clients_lock = threading.Lock()


def _client(source: RegistrySource, transport) -> RegistryClient:
    if transport is not None:
        return RegistryClient(source, transport=transport)
    key = (
        source.pk,
        source.base_url,
        source.api_key,
        source.connect_timeout,
        source.read_timeout,
        source.retries,
        source.backoff_seconds,
    )
    with _clients_lock:
        if key not in _clients:
            _clients[key] = RegistryClient(source)
        return _clients[key]


def enabled_sources():
    return list(RegistrySource.objects.filter(enabled=True))


def fetch_people(
    pins: list[str],
    sources: list[RegistrySource],
    *,
    as_of: date | None = None,
    transport=None,
    batch: bool = True,
) -> list[CallResult]:
    """Every registry's answer about every PIN (one result per registry and PIN), about the 12
    months before `as_of`. A registry with a batch endpoint (batch size over 1) gets one call per
    up to batch-size PINs, unless `batch` is off; otherwise one call per PIN."""
    callable_sources = [s for s in sources if breaker.allow_call(s)]
    skipped = [
        CallResult(s.code, [pin], {}, outcome=LookupOutcome.CIRCUIT_OPEN)
        for s in sources
        if s not in callable_sources
        for pin in pins
    ]
    clients = {s.code: _client(s, transport) for s in callable_sources}
    jobs = []
    for source in callable_sources:
        client = clients[source.code]
        size = min(source.batch_size, MAX_BATCH)
        if batch and size > 1:
            jobs += [(client.batch, pins[i : i + size]) for i in range(0, len(pins), size)]
        else:
            jobs += [(client.person, pin) for pin in pins]
    with ThreadPoolExecutor(max_workers=max(1, min(MAX_THREADS, len(jobs)))) as pool:
        results = list(pool.map(lambda job: job[0](job[1], as_of), jobs))
    for source in callable_sources:
        own = [r for r in results if r.registry == source.code]
        if own and all(r.reached for r in own):
            breaker.record_success(source)
        elif own:
            breaker.record_failure(source)
    return skipped + [answer for result in results for answer in split_results(result)]


def split_results(result: CallResult) -> list[CallResult]:
    """One result per PIN. A batch answer's envelope carries each PIN's own status and record
    ({"results": [{"pin", "status", "body"}]}); a batch that failed as a whole failed alike for
    every PIN in it."""
    batch = "json" in result.request and "pin" not in result.request
    request = result.request
    if batch:
        # The call as it was sent, without the batch's PIN list: that names other families.
        sent = {key: value for key, value in result.request["json"].items() if key != "pins"}
        request = {**result.request, "json": sent, "batch_size": len(result.pins)}
    alike = [replace(result, pins=[pin], request=request) for pin in result.pins]
    if not batch or result.outcome != LookupOutcome.FOUND:
        return alike
    try:
        answers = {item["pin"]: item for item in result.body["results"]}
    except ANSWER_ERRORS:
        logger.warning("Registry %s sent a batch answer of the wrong shape", result.registry)
        return [replace(part, outcome=LookupOutcome.MALFORMED) for part in alike]
    parts = []
    for part in alike:
        answer = answers.get(part.pins[0])
        status = answer.get("status") if isinstance(answer, dict) else None
        if not isinstance(status, int):
            parts.append(replace(part, outcome=LookupOutcome.MALFORMED, status=None, body=answer))
            continue
        if status == 404:
            outcome = LookupOutcome.NOT_FOUND
        else:
            outcome = LookupOutcome.FOUND if 200 <= status < 300 else LookupOutcome.ERROR
        parts.append(replace(part, outcome=outcome, status=status, body=answer.get("body")))
    return parts


def store_lookups(case, answers: list[CallResult]) -> list[RegistryLookup]:
    """Keep every answer for replaying the decision: one row per registry asked, with each
    person's part of its answer (see RegistryLookup)."""
    by_registry: dict[str, list[CallResult]] = {}
    for part in answers:
        by_registry.setdefault(part.registry, []).append(part)
    now = timezone.now()
    return RegistryLookup.objects.bulk_create(
        _lookup(case, registry, parts, now) for registry, parts in by_registry.items()
    )


def _lookup(case, registry: str, parts: list[CallResult], now) -> RegistryLookup:
    request = parts[0].request
    answers = {}
    for part in parts:
        answer = {"outcome": part.outcome, "status": part.status, "body": part.body}
        if part.request != request:
            answer["request"] = part.request  # a person asked in a call of their own
        answers[part.pins[0]] = answer
    failed = [part.outcome for part in parts if not part.reached]
    return RegistryLookup(
        case=case,
        registry=registry,
        request=request,
        pins=list(answers),
        answers=answers,
        outcome=failed[0] if failed else LookupOutcome.FOUND,
        attempts=max(part.attempts for part in parts),
        latency_ms=max(part.latency_ms for part in parts),
        requested_at=now,
    )


def newest_answers(case) -> dict[tuple[str, str], tuple[RegistryLookup, int]]:
    """The newest stored look-up of each registry about each person of a case, and how many
    earlier ones there are, by (registry, pin)."""
    newest: dict[tuple[str, str], tuple[RegistryLookup, int]] = {}
    for lookup in case.lookups.order_by("requested_at", "pk"):
        for pin in lookup.pins:
            _older, earlier = newest.get((lookup.registry, pin), (None, -1))
            newest[lookup.registry, pin] = (lookup, earlier + 1)
    return newest


def stored_answers(case) -> list[CallResult]:
    """The newest stored answer of each registry about each person of a case, as the client
    gave it: what the snapshot is rebuilt from after some look-ups are run again."""
    return [
        CallResult(
            registry,
            [pin],
            lookup.request_for(pin),
            outcome=lookup.answers[pin]["outcome"],
            status=lookup.answers[pin]["status"],
            body=lookup.answers[pin]["body"],
            attempts=lookup.attempts,
            latency_ms=lookup.latency_ms,
        )
        for (registry, pin), (lookup, _earlier) in newest_answers(case).items()
    ]
