"""Settings for the load run (`manage.py loadtest`): the test settings (DEBUG off, the registry
mocks installed) with a population large enough for the run, a real task queue, and outboxes
that the run can count. Every process of a run (web, workers, mocks) reads these."""

import os

from .base import BASE_DIR
from .base import CASEWORK as PRODUCTION_CASEWORK
from .test import *  # noqa: F403
from .test import CASEWORK, INSTALLED_APPS, Q_CLUSTER, REDIS_URL

INSTALLED_APPS = [*INSTALLED_APPS, "loadtest"]
REGISTRY_MOCKS = {
    # One household per declaration at least (see loadtest/declarations.py).
    "HOUSEHOLDS": int(os.environ.get("LOAD_HOUSEHOLDS", "50000")),
    "AS_OF": os.environ.get("LOAD_AS_OF") or None,
    # Every registry answers after LOAD_LATENCY_MS (low,high: uniform), as real ones do.
    "FAULTS": {
        "*": {
            "latency_ms": [int(ms) for ms in os.environ.get("LOAD_LATENCY_MS", "50,200").split(",")]
        }
    },
}
# A shared cache when the run has Redis (several web servers, run-time faults in several mock
# workers); else each process counts for itself.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "emuraciet-load",
        }
    }
else:
    # One web server counts its own rate limits, which the run lifts anyway.
    SILENCED_SYSTEM_CHECKS = ["forms_app.W001"]
Q_CLUSTER = {**Q_CLUSTER, "sync": False}
# Batches gather cases as in production (the tests' settings don't wait).
CASEWORK = {**CASEWORK, "BATCH_GATHER_SECONDS": PRODUCTION_CASEWORK["BATCH_GATHER_SECONDS"]}
# The run counts what was sent: every email and SMS a file in the run's outbox.
OUTBOX = os.environ.get("LOAD_OUTBOX", str(BASE_DIR / "var" / "loadtest" / "outbox"))
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.path.join(OUTBOX, "email")
SMS_BACKEND = "forms_app.sms.FileBackend"
SMS_FILE_PATH = os.path.join(OUTBOX, "sms")
