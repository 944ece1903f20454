"""Fault injection from settings, from Python and over HTTP; outage windows."""

import time
from datetime import datetime

import pytest

from registry_mocks import faults
from registry_mocks.faults import FaultConfigError, reset_faults, set_faults
from registry_mocks.population import current_population


@pytest.fixture
def pin():
    return current_population().household(5).applicant.pin


def test_error_rate_from_python(api, pin):
    set_faults("tax", error_rate=1.0)
    response = api.person("tax", pin)
    assert response.status_code == 500
    assert response.json() == {"errorCode": "INTERNAL_ERROR", "errorMessage": "Internal error"}
    assert api.person("civil", pin).status_code == 200  # other registries are untouched
    reset_faults("tax")
    assert api.person("tax", pin).status_code == 200


def test_faults_over_http(api, pin):
    response = api.post(
        "/registry-mocks/labour/_faults", {"error_rate": 1}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["override"] == {"error_rate": 1}
    assert response.json()["effective"]["error_rate"] == 1
    assert api.person("labour", pin).status_code == 500
    assert api.batch("labour", [pin]).status_code == 500
    assert api.get("/registry-mocks/labour/_faults").json()["override"] == {"error_rate": 1}
    assert api.delete("/registry-mocks/labour/_faults").json()["override"] is None
    assert api.person("labour", pin).status_code == 200


@pytest.mark.parametrize(
    "config",
    [
        {"error_rate": 2},
        {"errors": 1},
        {"latency_ms": -1},
        {"latency_ms": [300, 100]},
        {"latency_ms": {"p50": 0, "p95": 10}},
        {"latency_ms": "fast"},
        {"timeout_sleep_s": 10_000},
        {"outages": [["25:00", "26:00"]]},
        {"outages": "02:00-03:00"},
        ["error_rate", 1],
    ],
)
def test_invalid_fault_settings_are_refused(api, config):
    response = api.post("/registry-mocks/civil/_faults", config, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_REQUEST"
    assert faults.runtime_override("civil") is None


def test_the_faults_endpoint_needs_the_key(api):
    response = api.post(
        "/registry-mocks/civil/_faults",
        {},
        content_type="application/json",
        headers={"X-Api-Key": "x"},
    )
    assert response.status_code == 401
    with pytest.raises(FaultConfigError):
        set_faults("civil", error_rate=-0.5)


def test_settings_configure_faults_for_all_and_for_one(mocks_settings):
    mocks_settings.REGISTRY_MOCKS = {
        **mocks_settings.REGISTRY_MOCKS,
        "FAULTS": {"*": {"latency_ms": [50, 200]}, "tax": {"error_rate": 0.05}},
    }
    assert faults.effective_config("tax")["latency_ms"] == [50, 200]
    assert faults.effective_config("tax")["error_rate"] == 0.05
    assert faults.effective_config("civil")["error_rate"] == 0.0
    set_faults("*", error_rate=0.5)
    assert faults.effective_config("civil")["error_rate"] == 0.5
    assert faults.effective_config("tax")["error_rate"] == 0.5  # run time beats settings


def test_fixed_latency(api, pin):
    set_faults("border", latency_ms=150)
    started = time.perf_counter()
    assert api.person("border", pin).status_code == 200
    assert time.perf_counter() - started >= 0.15


def test_latency_distributions():
    assert faults.latency_seconds({"latency_ms": 40}) == 0.04
    uniform = [faults.latency_seconds({"latency_ms": [10, 20]}) for _ in range(200)]
    assert all(0.01 <= s <= 0.02 for s in uniform)
    log_normal = sorted(
        faults.latency_seconds({"latency_ms": {"p50": 80, "p95": 400}}) for _ in range(2000)
    )
    assert 0.06 < log_normal[1000] < 0.1  # the median near p50
    assert 0.25 < log_normal[1900] < 0.6  # the 95th percentile near p95


def test_timeouts_sleep_then_answer_504(api, pin):
    set_faults("idp", timeout_rate=1.0, timeout_sleep_s=0.2)
    started = time.perf_counter()
    response = api.person("idp", pin)
    assert response.status_code == 504 and time.perf_counter() - started >= 0.2
    assert response.json()["statusCode"] == 504


def test_an_outage_answers_503_with_retry_after(api, pin):
    set_faults("vehicles", outages=[["00:00", "24:00"]])
    response = api.person("vehicles", pin)
    assert response.status_code == 503
    assert 0 < int(response["Retry-After"]) <= 86400
    assert response.json()["Fault"]["Code"] == "soap:Server"
    # The fault settings stay reachable, so the outage can be ended.
    assert api.delete("/registry-mocks/vehicles/_faults").status_code == 200
    assert api.person("vehicles", pin).status_code == 200


def test_an_outage_from_settings(api, mocks_settings, pin):
    mocks_settings.REGISTRY_MOCKS = {
        **mocks_settings.REGISTRY_MOCKS,
        "FAULTS": {"banks": {"outages": [["00:00", "24:00"]]}},
    }
    assert api.person("banks", pin).status_code == 503
    assert api.person("civil", pin).status_code == 200


@pytest.mark.parametrize(
    "clock,expected",
    [
        ("23:55:00", 15 * 60),
        ("00:05:00", 5 * 60),
        ("00:10:00", None),
        ("12:00:00", None),
        ("02:10:30", 1170),
    ],
)
def test_outage_windows_may_cross_midnight(clock, expected):
    config = {"outages": [["23:50", "00:10"], ["02:00", "02:30"]]}
    now = datetime.fromisoformat(f"2026-11-25T{clock}")
    assert faults.outage_retry_after(config, now) == expected


def test_runtime_faults_live_in_the_shared_cache():
    from django.core.cache import cache

    set_faults("civil", latency_ms=5)
    assert cache.get(faults.CACHE_KEY) == {"civil": {"latency_ms": 5}}
    reset_faults()
    assert cache.get(faults.CACHE_KEY) is None
