"""System checks: what a deployment must get right before it serves anyone."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from . import ratelimit


@register()
def rate_limits_need_a_shared_cache(app_configs, **kwargs):
    """Rate limits counted in a process's own memory allow each process the whole limit."""
    if ratelimit.is_shared():
        return []
    alias = ratelimit.cache_alias()
    backend = settings.CACHES[alias]["BACKEND"]
    if settings.FORMS_APP.get("REQUIRE_SHARED_CACHE"):
        return [
            Error(
                f"The rate limits' cache {alias!r} is {backend}: each process would count for "
                "itself.",
                hint="Set REDIS_URL so every process shares one cache.",
                id="forms_app.E001",
            )
        ]
    return [
        Warning(
            f"The rate limits' cache {alias!r} is {backend}: each process counts for itself, "
            "so the limits hold per process only.",
            hint="Set REDIS_URL to share the counts (production requires it).",
            id="forms_app.W001",
        )
    ]
