"""Fault injection: latency, errors, timeouts and outage windows, per registry.

The configuration of a registry is, from weakest to strongest: DEFAULTS, settings
`REGISTRY_MOCKS["FAULTS"]["*"]`, `REGISTRY_MOCKS["FAULTS"][code]`, then the run-time overrides
for "*" and for the code. Run-time overrides (`set_faults`, `reset_faults`, or the `_faults`
endpoint) live in Django's cache, so every process serving the mocks shares them when the cache
is shared (Redis); with the local-memory cache they hold for one process.

Scenario faults (one PIN at one registry, see scenarios/) apply whatever this configuration says.
"""

import math
import random
import time
from datetime import datetime

from django.core.cache import cache

from .conf import mock_setting

DEFAULTS = {
    # Fixed milliseconds, [low, high] drawn uniformly, or {"p50": ms, "p95": ms} log-normally.
    "latency_ms": 0,
    "error_rate": 0.0,  # share of requests answered 500
    "timeout_rate": 0.0,  # share of requests that hang for timeout_sleep_s, then answer 504
    "timeout_sleep_s": 30.0,  # longer than any sane client timeout
    "slow_ms": 2500,  # how late a "slow" scenario person's answer comes
    "outages": [],  # [["02:00", "02:30"], …] in local time: 503 with Retry-After
}
# No request sleeps longer, whatever the configuration says.
MAX_SLEEP_S = 120.0
CACHE_KEY = "registry_mocks:faults"

_random = random.Random()


class FaultConfigError(ValueError):
    pass


def set_faults(code: str, **config) -> None:
    """Override the faults of one registry (or "*" for all) at run time; replaces the earlier
    override for that code."""
    validate(config)
    overrides = cache.get(CACHE_KEY) or {}
    overrides[code] = config
    cache.set(CACHE_KEY, overrides, timeout=None)


def reset_faults(code: str | None = None) -> None:
    """Drop the run-time override of one registry, or of all when no code is given."""
    if code is None:
        cache.delete(CACHE_KEY)
        return
    overrides = cache.get(CACHE_KEY) or {}
    overrides.pop(code, None)
    cache.set(CACHE_KEY, overrides, timeout=None)


def runtime_override(code: str) -> dict | None:
    return (cache.get(CACHE_KEY) or {}).get(code)


def effective_config(code: str) -> dict:
    configured = mock_setting("FAULTS")
    overrides = cache.get(CACHE_KEY) or {}
    return {
        **DEFAULTS,
        **configured.get("*", {}),
        **configured.get(code, {}),
        **overrides.get("*", {}),
        **overrides.get(code, {}),
    }


def validate(config: dict) -> None:
    unknown = set(config) - set(DEFAULTS)
    if unknown:
        raise FaultConfigError(f"unknown fault settings: {', '.join(sorted(unknown))}")
    if "latency_ms" in config:
        _check_latency(config["latency_ms"])
    for rate in ("error_rate", "timeout_rate"):
        if rate in config and not (_is_number(config[rate]) and 0 <= config[rate] <= 1):
            raise FaultConfigError(f"{rate} is a share between 0 and 1")
    for name, ceiling in (("timeout_sleep_s", MAX_SLEEP_S), ("slow_ms", MAX_SLEEP_S * 1000)):
        if name in config and not (_is_number(config[name]) and 0 <= config[name] <= ceiling):
            raise FaultConfigError(f"{name} is a number from 0 to {ceiling:g}")
    if "outages" in config:
        windows = config["outages"]
        if not isinstance(windows, list):
            raise FaultConfigError('outages is a list of ["HH:MM", "HH:MM"] windows')
        for window in windows:
            if not (isinstance(window, list | tuple) and len(window) == 2):
                raise FaultConfigError('outages is a list of ["HH:MM", "HH:MM"] windows')
            for moment in window:
                _minute_of_day(moment)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_latency(spec) -> None:
    fixed = _is_number(spec) and spec >= 0
    uniform = (
        isinstance(spec, list | tuple)
        and len(spec) == 2
        and all(_is_number(v) for v in spec)
        and 0 <= spec[0] <= spec[1]
    )
    log_normal = (
        isinstance(spec, dict)
        and set(spec) == {"p50", "p95"}
        and all(_is_number(v) for v in spec.values())
        and 0 < spec["p50"] <= spec["p95"]
    )
    if not (fixed or uniform or log_normal):
        raise FaultConfigError('latency_ms is a number, [low, high], or {"p50": ms, "p95": ms}')


def _minute_of_day(moment) -> int:
    try:
        hours, minutes = (int(part) for part in moment.split(":"))
    except (AttributeError, ValueError):
        raise FaultConfigError(f"not a time of day (HH:MM): {moment!r}") from None
    if not (0 <= hours <= 24 and 0 <= minutes < 60 and hours * 60 + minutes <= 24 * 60):
        raise FaultConfigError(f"not a time of day (HH:MM): {moment!r}")
    return hours * 60 + minutes


# What happens to one request


def outage_retry_after(config: dict, now: datetime) -> int | None:
    """Seconds until the current outage window ends, or None outside every window. A window
    may run past midnight (["23:50", "00:20"]); "24:00" is the end of the day."""
    second = now.hour * 3600 + now.minute * 60 + now.second
    for start, end in config["outages"]:
        start_s, end_s = _minute_of_day(start) * 60, _minute_of_day(end) * 60
        if start_s <= end_s:
            inside, left = start_s <= second < end_s, end_s - second
        else:
            inside = second >= start_s or second < end_s
            left = (end_s - second) % 86400
        if inside:
            return max(1, left)
    return None


def draw_failure(config: dict) -> str | None:
    """ "timeout", "error" or None, at the configured rates."""
    roll = _random.random()
    if roll < config["timeout_rate"]:
        return "timeout"
    if roll < config["timeout_rate"] + config["error_rate"]:
        return "error"
    return None


def latency_seconds(config: dict) -> float:
    spec = config["latency_ms"]
    if isinstance(spec, dict):
        sigma = math.log(spec["p95"] / spec["p50"]) / 1.645  # the 95th percentile of N(0, 1)
        milliseconds = spec["p50"] * math.exp(_random.gauss(0, sigma))
    elif isinstance(spec, list | tuple):
        milliseconds = _random.uniform(*spec)
    else:
        milliseconds = spec
    return milliseconds / 1000


def sleep(seconds: float) -> None:
    if seconds > 0:
        time.sleep(min(seconds, MAX_SLEEP_S))
