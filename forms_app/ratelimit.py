"""A fixed-window rate limit in Django's cache (shared by every process when the cache is Redis)."""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache


def _window_key(key: str, window_seconds: int) -> str:
    return f"ratelimit:{key}:{int(time.time() // window_seconds)}"


def _seconds_left(window_seconds: int) -> int:
    return max(1, window_seconds - int(time.time() % window_seconds))


def hit(key: str, *, limit: int, window_seconds: int) -> int:
    """Count one attempt; 0 if allowed, else the seconds to wait before trying again."""
    cache_key = _window_key(key, window_seconds)
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    if count <= limit:
        return 0
    return _seconds_left(window_seconds)


def wait_for(key: str, *, limit: int, window_seconds: int) -> int:
    """Without counting anything: 0 if another attempt is allowed, else the seconds to wait."""
    count = cache.get(_window_key(key, window_seconds)) or 0
    return _seconds_left(window_seconds) if count >= limit else 0


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
