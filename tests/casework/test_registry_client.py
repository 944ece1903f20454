"""The registry client against the mocks over real HTTP: answers, retries and the breaker."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from casework.models import LookupOutcome, RegistryLookup, RegistrySource
from casework.registries import breaker
from casework.registries.client import RegistryClient
from casework.registries.lookups import fetch_people, store_lookups
from registry_mocks import faults

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
    assert found.outcome == LookupOutcome.FOUND and found.status == 200 and found.attempts == 1
    assert found.body["pin"] == ELIGIBLE
    missing = call(registries, "civil", UNKNOWN)
    assert missing.outcome == LookupOutcome.NOT_FOUND and missing.attempts == 1  # 4xx: no retry


def test_a_500_is_retried_then_reported(registries):
    result = call(registries, "sspf", FAULT_500_SSPF)
    assert result.outcome == LookupOutcome.ERROR and result.status == 500
    assert result.attempts == registries["sspf"].retries + 1


def test_malformed_json_is_recognised(registries):
    result = call(registries, "labour", FAULT_MALFORMED_LABOUR)
    assert result.outcome == LookupOutcome.MALFORMED and result.attempts == 3


def test_a_registry_that_never_answers_times_out_after_the_retries(registries):
    # The registry hangs for 1.5 s; the client gives up after its 0.8 s read timeout each time.
    result = call(registries, "tax", FAULT_TIMEOUT_TAX)
    assert result.outcome == LookupOutcome.TIMEOUT and result.attempts == 3
    assert "timed out" in result.error and result.status is None


def test_a_slow_answer_within_the_timeout_is_used(registries):
    result = call(registries, "realestate", FAULT_SLOW_REALESTATE)
    assert result.outcome == LookupOutcome.FOUND and result.latency_ms >= 250


def test_retry_then_success(registries):
    # Error rate 1 for the first call only: the second attempt succeeds.
    faults.set_faults("civil", error_rate=1.0)
    client = RegistryClient(registries["civil"], sleep=lambda s: faults.reset_faults("civil"))
    result = client.person(ELIGIBLE)
    client.close()
    assert result.outcome == LookupOutcome.FOUND and result.attempts == 2


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
    assert [r.outcome for r in skipped] == [LookupOutcome.CIRCUIT_OPEN]

    faults.reset_faults("vehicles")
    with time_machine.travel(timezone.now() + timedelta(seconds=1.1)):
        source.refresh_from_db()
        assert breaker.state(source) == breaker.HALF_OPEN
        trial = fetch_people([ELIGIBLE], [source])
    assert trial[0].outcome == LookupOutcome.FOUND
    source.refresh_from_db()
    assert breaker.state(source) == breaker.CLOSED and source.consecutive_failures == 0


def test_only_one_worker_takes_the_half_open_trial(registries):
    source = registries["land"]
    RegistrySource.objects.filter(pk=source.pk).update(
        opened_until=timezone.now() - timedelta(seconds=1), open_seconds=30
    )
    source.refresh_from_db()
    assert breaker.allow_call(source)  # the trial call
    assert not breaker.allow_call(source)  # everyone else keeps waiting
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert breaker.allow_call(source)  # the trial never reported back: another one


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
    results = fetch_people(pins, list(registries.values()), batch=False)
    assert len(results) == len(registries) * len(pins)
    assert {r.outcome for r in results} <= {LookupOutcome.FOUND, LookupOutcome.NOT_FOUND}
    # In parallel: most of the calls were under way at one moment. (How much time that saves is
    # measured by tests/benchmarks/test_registry_fanout.py.)
    assert most_at_once(results) >= len(results) // 2


def most_at_once(results) -> int:
    """The largest number of calls under way at the same moment."""
    edges = sorted(
        [(r.requested_at, 1) for r in results]
        + [(r.requested_at + r.latency_ms / 1000, -1) for r in results]
    )
    under_way = peak = 0
    for _moment, change in edges:
        under_way += change
        peak = max(peak, under_way)
    return peak


def test_every_call_is_stored_for_replay(registries):
    results = fetch_people([ELIGIBLE], [registries["civil"], registries["tax"]], batch=False)
    rows = store_lookups(None, results)
    assert {(r.registry, tuple(r.pins), r.outcome) for r in rows} == {
        ("civil", (ELIGIBLE,), LookupOutcome.FOUND),
        ("tax", (ELIGIBLE,), LookupOutcome.FOUND),
    }
    stored = RegistryLookup.objects.get(registry="civil")
    assert stored.request_for(ELIGIBLE)["url"].endswith(f"/civil/v1/persons/{ELIGIBLE}")
    assert stored.answers[ELIGIBLE]["body"]["pin"] == ELIGIBLE
    assert stored.answers[ELIGIBLE]["status"] == 200


def test_people_asked_one_call_each_keep_each_call(registries):
    """A registry without a batch endpoint is asked once per person: each person's own call is
    kept with their answer."""
    results = fetch_people([ELIGIBLE, UNKNOWN], [registries["civil"]], batch=False)
    (stored,) = store_lookups(None, results)
    assert stored.pins == [ELIGIBLE, UNKNOWN]
    assert stored.request_for(UNKNOWN)["url"].endswith(f"/civil/v1/persons/{UNKNOWN}")
    assert stored.request_for(ELIGIBLE)["url"].endswith(f"/civil/v1/persons/{ELIGIBLE}")
    assert [stored.outcome_for(pin) for pin in stored.pins] == ["found", "not_found"]
    # Someone unknown to the registry is an answer, not a failure of the look-up.
    assert stored.outcome == LookupOutcome.FOUND


@pytest.mark.parametrize("code", ["civil", "tax", "vehicles", "utilities"])
def test_batch_calls_carry_many_people(registries, code):
    pins = [ELIGIBLE, "NCVWDVD", UNKNOWN]
    results = fetch_people(pins, [registries[code]], batch=True)
    # One call, answered per person.
    assert [(r.pins, r.outcome) for r in results] == [
        ([ELIGIBLE], LookupOutcome.FOUND),
        (["NCVWDVD"], LookupOutcome.FOUND),
        ([UNKNOWN], LookupOutcome.NOT_FOUND),
    ]
    # Each person's part names the batch call it came from, not every other person in it.
    assert all(r.request["json"] == {} and r.request["batch_size"] == 3 for r in results)
