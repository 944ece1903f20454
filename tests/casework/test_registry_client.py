"""The registry client against the mocks over real HTTP: answers, retries and the breaker."""

import time

import pytest

from casework.models import RegistryLookup, RegistrySource
from casework.registries import breaker
from casework.registries.client import RegistryClient
from casework.registries.lookups import fetch_people, store_lookups
from registry_mocks import faults

Outcome = RegistryLookup.Outcome
ELIGIBLE = "1DECWYC"
FAULT_TIMEOUT_TAX = "JB16E60"
FAULT_500_SSPF = "G6PADG8"
FAULT_MALFORMED_LABOUR = "E2BECSG"
FAULT_SLOW_REALESTATE = "BXZJC2Q"
UNKNOWN = "QQQQQQ1"


def call(registries, code, pin):
    client = RegistryClient(registries[code])
    try:
        return client.person(pin)
    finally:
        client.close()


def test_a_known_person_is_found_and_an_unknown_one_is_not(registries):
    found = call(registries, "civil", ELIGIBLE)
    assert found.outcome == Outcome.FOUND and found.status == 200 and found.attempts == 1
    assert found.body["pin"] == ELIGIBLE
    missing = call(registries, "civil", UNKNOWN)
    assert missing.outcome == Outcome.NOT_FOUND and missing.attempts == 1  # 4xx: no retry


def test_a_500_is_retried_then_reported(registries):
    result = call(registries, "sspf", FAULT_500_SSPF)
    assert result.outcome == Outcome.ERROR and result.status == 500
    assert result.attempts == registries["sspf"].retries + 1


def test_malformed_json_is_recognised(registries):
    result = call(registries, "labour", FAULT_MALFORMED_LABOUR)
    assert result.outcome == Outcome.MALFORMED and result.attempts == 3


def test_a_registry_that_never_answers_times_out_after_the_retries(registries):
    started = time.monotonic()
    result = call(registries, "tax", FAULT_TIMEOUT_TAX)
    elapsed = time.monotonic() - started
    assert result.outcome == Outcome.TIMEOUT and result.attempts == 3
    assert elapsed < 3 * 0.8 + 1  # bounded by the read timeout, not the registry's 1.5 s hang


def test_a_slow_answer_within_the_timeout_is_used(registries):
    result = call(registries, "realestate", FAULT_SLOW_REALESTATE)
    assert result.outcome == Outcome.FOUND and result.latency_ms >= 250


def test_retry_then_success(registries):
    # Error rate 1 for the first call only: the second attempt succeeds.
    faults.set_faults("civil", error_rate=1.0)
    client = RegistryClient(registries["civil"], sleep=lambda s: faults.reset_faults("civil"))
    result = client.person(ELIGIBLE)
    client.close()
    assert result.outcome == Outcome.FOUND and result.attempts == 2


def test_the_breaker_opens_after_repeated_failures_and_half_opens_later(registries):
    faults.set_faults("vehicles", error_rate=1.0)
    source = registries["vehicles"]
    RegistrySource.objects.filter(pk=source.pk).update(
        failure_threshold=2, open_seconds=1, retries=0
    )
    source.refresh_from_db()
    for _ in range(2):
        fetch_people([ELIGIBLE], [source])
    source.refresh_from_db()
    assert breaker.state(source) == breaker.OPEN
    skipped = fetch_people([ELIGIBLE], [source])
    assert [r.outcome for r in skipped] == [Outcome.CIRCUIT_OPEN]

    faults.reset_faults("vehicles")
    time.sleep(1.1)
    source.refresh_from_db()
    assert breaker.state(source) == breaker.HALF_OPEN
    trial = fetch_people([ELIGIBLE], [source])
    assert trial[0].outcome == Outcome.FOUND
    source.refresh_from_db()
    assert breaker.state(source) == breaker.CLOSED and source.consecutive_failures == 0


def test_a_failed_half_open_trial_opens_the_circuit_again(registries):
    source = registries["land"]
    RegistrySource.objects.filter(pk=source.pk).update(
        failure_threshold=1, open_seconds=60, retries=0
    )
    source.refresh_from_db()
    faults.set_faults("land", error_rate=1.0)
    fetch_people([ELIGIBLE], [source])
    source.refresh_from_db()
    assert breaker.state(source) == breaker.OPEN


def test_a_family_is_looked_up_in_every_registry_in_parallel(registries):
    faults.set_faults("*", latency_ms=200)
    pins = [ELIGIBLE, "NCVWDVD"]
    started = time.monotonic()
    results = fetch_people(pins, list(registries.values()), batch=False)
    elapsed = time.monotonic() - started
    assert len(results) == len(registries) * len(pins)
    assert all(r.outcome == Outcome.FOUND or r.outcome == Outcome.NOT_FOUND for r in results)
    # 42 calls of at least 200 ms each take 8.4 s one after another. (The mocks share this
    # process and its GIL here, so the bound is loose; the benchmark measures it properly.)
    assert elapsed < 4.0


def test_every_call_is_stored_for_replay(registries):
    results = fetch_people([ELIGIBLE], [registries["civil"], registries["tax"]], batch=False)
    rows = store_lookups(None, results)
    assert {(r.registry, r.pin, r.outcome) for r in rows} == {
        ("civil", ELIGIBLE, Outcome.FOUND),
        ("tax", ELIGIBLE, Outcome.FOUND),
    }
    stored = RegistryLookup.objects.get(registry="civil")
    assert stored.request["url"].endswith(f"/civil/v1/persons/{ELIGIBLE}")
    assert stored.response["pin"] == ELIGIBLE and stored.response_status == 200


@pytest.mark.parametrize("code", ["civil", "tax", "vehicles", "utilities"])
def test_batch_calls_carry_many_people(registries, code):
    pins = [ELIGIBLE, "NCVWDVD", UNKNOWN]
    results = fetch_people(pins, [registries[code]], batch=True)
    assert len(results) == 1 and results[0].outcome == Outcome.FOUND
    assert results[0].request["json"] == {"pins": pins}
