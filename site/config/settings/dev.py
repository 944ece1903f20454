"""Settings for a developer's laptop: `make run`."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, SITE_URL

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", urlsplit(SITE_URL).hostname]
INTERNAL_IPS = ["127.0.0.1"]
(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)

# Stand-ins for the agency registries, served under /registry-mocks/ (never in production).
INSTALLED_APPS = [*INSTALLED_APPS, "registry_mocks"]
