"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from config import paths  # noqa: F401  (puts the apps' root on sys.path)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()
