"""A fixed-window rate limit in Django's cache (shared by every process when the cache is Redis)."""

import time

from django.conf import settings
from django.core.cache import cache


def hit(key: str, *, limit: int, window_seconds: int) -> int:
    """Count one attempt; 0 if allowed, else the seconds to wait before trying again."""
    window = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{key}:{window}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    if count <= limit:
        return 0
    return window_seconds - int(time.time() % window_seconds)


def client_ip(request) -> str:
    """Behind the reverse proxy REMOTE_ADDR is the proxy, which appends the client to
    X-Forwarded-For; without one, that header is whatever the client wrote, so it is ignored."""
    if settings.FORMS_APP.get("BEHIND_PROXY"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
