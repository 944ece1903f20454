"""Health checks for load balancers and monitoring (docs/deployment.md): JSON, never cached,
public (they say nothing about anyone).

/healthz         this web process can serve: its database and its cache answer (200, else 503)
/healthz/worker  the task queue does its work (casework/liveness.py; 503 when stalled)
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from casework import liveness

logger = logging.getLogger(__name__)


@never_cache
def web(request):
    checks = {"database": _database(), "cache": _cache()}
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


@never_cache
def worker(request):
    health = liveness.queue_health()
    return JsonResponse(health.as_json(), status=200 if health.healthy else 503)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:
        logger.warning("Health check: database: %s", error)
        return "unreachable"


def _cache() -> str:
    key, value = "healthz:probe", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        return "ok" if cache.get(key) == value else "not keeping values"
    except Exception as error:
        logger.warning("Health check: cache: %s", error)
        return "unreachable"
