"""Settings for pytest. DATABASE_URL selects PostgreSQL; otherwise SQLite."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, CASEWORK, DATABASES, INSTALLED_APPS, Q_CLUSTER

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory, unless a test starts a process that must reach a real gateway or a file outbox.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "forms_app.sms.LocmemBackend")
INSTALLED_APPS = [*INSTALLED_APPS, "registry_mocks"]
# A small synthetic population is enough, and quicker to generate.
REGISTRY_MOCKS = {"HOUSEHOLDS": 1000}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Django's test client logs in without a request, which django-axes can't throttle; the log-in
# throttling tests switch it on.
AXES_ENABLED = False

# Tasks run inline here: a batch that waited for more cases to arrive would only wait (the test
# of that waiting sets it), unless the environment asks for it (the load run's processes).
CASEWORK = {
    **CASEWORK,
    "BATCH_GATHER_SECONDS": float(os.environ.get("BATCH_GATHER_SECONDS", "0")),
}
# Tasks run inline unless a test starts a real cluster (it sets Q_SYNC=0 for the worker).
Q_CLUSTER = {**Q_CLUSTER, "sync": os.environ.get("Q_SYNC", "1") == "1", "poll": 0.1}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so a q2 worker in another process can share the test database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("SQLITE_TEST_NAME", str(BASE_DIR / "var" / "test-db.sqlite3"))
    }

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns without it)
