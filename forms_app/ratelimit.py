"""A fixed-window rate limit in the cache named by FORMS_APP["RATELIMIT_CACHE"] (the default cache).
Only a cache every process shares (Redis, Memcached, the database) counts for the whole site: a
local-memory cache counts per process, which the system check `forms_app.W001` says, and which
production refuses (`forms_app.E001`)."""

import contextlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import caches

# Caches each process keeps for itself.
LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


def cache_alias() -> str:
    return settings.FORMS_APP.get("RATELIMIT_CACHE", "default")


def is_shared() -> bool:
    return settings.CACHES[cache_alias()]["BACKEND"] not in LOCAL_CACHES


def _window_key(key: str, window_seconds: int) -> str:
    return f"ratelimit:{key}:{int(time.time() // window_seconds)}"


def _seconds_left(window_seconds: int) -> int:
    return max(1, window_seconds - int(time.time() % window_seconds))


def take(key: str, *, limit: int, window_seconds: int) -> tuple[int, str]:
    """Count one attempt: (0 if allowed else the seconds to wait, the counter it counted in)."""
    cache = caches[cache_alias()]
    cache_key = _window_key(key, window_seconds)
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    if count <= limit:
        return 0, cache_key
    return _seconds_left(window_seconds), cache_key


def hit(key: str, *, limit: int, window_seconds: int) -> int:
    """Count one attempt; 0 if allowed, else the seconds to wait before trying again."""
    return take(key, limit=limit, window_seconds=window_seconds)[0]


def wait_for(key: str, *, limit: int, window_seconds: int) -> int:
    """Without counting anything: 0 if another attempt is allowed, else the seconds to wait."""
    count = caches[cache_alias()].get(_window_key(key, window_seconds)) or 0
    return _seconds_left(window_seconds) if count >= limit else 0


def give_back(cache_key: str):
    """Uncount an attempt that turned out not to count (a refused request)."""
    with contextlib.suppress(ValueError):  # its window is over
        caches[cache_alias()].decr(cache_key)


def client_ip(request) -> str:
    """Behind the reverse proxy REMOTE_ADDR is the proxy, which appends the client to
    X-Forwarded-For; without one, that header is whatever the client wrote, so it is ignored."""
    if settings.FORMS_APP.get("BEHIND_PROXY"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def in_networks(address: str, networks) -> bool:
    """Whether an address is in one of `networks` ("10.20.0.0/16", "192.0.2.7")."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks)
