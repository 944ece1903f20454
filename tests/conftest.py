import io
import os

import pytest
from django.core.management import call_command
from django.db import connection

DEMO_PASSWORD = "demo-test-password"


def pytest_collection_modifyitems(config, items):
    """PostgreSQL tests skip, saying so, when the suite runs on another database."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site that `make run` shows (rolled back after each)."""
    os.environ["DEMO_PASSWORD"] = DEMO_PASSWORD
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def service_page(db):
    from forms_app.models import EServicePage

    return EServicePage.objects.get(locale__language_code="az", reference_prefix="UDSY")


def database_url() -> str:
    """A URL to the test database, for a process started by a test (e.g. a q2 worker)."""
    s = connection.settings_dict
    if s["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def live_demo_site(transactional_db):
    """The demo site, committed, for tests that another process or thread must see (a q2
    worker, a browser). Run these apart from the rest (`-m "worker or browser"`): the flush
    after each transactional test empties the database."""
    call_command("seed_demo", stdout=io.StringIO())
