"""Settings for a developer's laptop: `make run`."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, SITE_URL

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", urlsplit(SITE_URL).hostname]
INTERNAL_IPS = ["127.0.0.1"]
(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)

# Stand-ins for the agency registries, served under /registry-mocks/ (never in production).
INSTALLED_APPS = [*INSTALLED_APPS, "registry_mocks", "loadtest"]

# The development outbox: every email and SMS the site sends is a file under var/outbox/.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "forms_app.sms.FileBackend")
