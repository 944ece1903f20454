"""ASGI entry point."""

import os

from config import paths  # noqa: F401  (puts the apps' root on sys.path)
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()
