import io
import os
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat

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


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    # A family is ~100 simultaneous calls: with the default backlog of 5, connections would be
    # dropped and time out on connect.
    request_queue_size = 256


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def mocks_url():
    """The registry mocks served over real HTTP (so timeouts are real), in this process."""
    from registry_mocks.wsgi import application

    server = make_server(
        "127.0.0.1", 0, application, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/registry-mocks/"
    server.shutdown()


def point_registries_at(mocks_url):
    """Every case a test opens asks the in-process mocks, whatever runs on this machine."""
    from casework.models import RegistrySource
    from casework.registries.catalogue import install_catalogue

    install_catalogue(gateway_url=mocks_url)
    RegistrySource.objects.update(
        base_url=Concat(Value(mocks_url), F("code"), Value("/")), read_timeout=2.0
    )


def seed(mocks_url):
    call_command("seed_demo", stdout=io.StringIO())
    point_registries_at(mocks_url)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, mocks_url):
    """Every test starts from the demo site that `make run` shows (rolled back after each)."""
    os.environ["DEMO_PASSWORD"] = DEMO_PASSWORD
    with django_db_blocker.unblock():
        seed(mocks_url)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page cached by another test, no rate limit
    counted by another test, no published service or due date kept from another test (the
    database they were made from is rolled back)."""
    from django.core.cache import cache

    from casework.calendar import forget_due_dates
    from forms_app import published

    cache.clear()
    published.forget()
    forget_due_dates()


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
def live_demo_site(transactional_db, mocks_url):
    """The demo site, committed, for tests that another process or thread must see (a q2
    worker, a browser). The flush after each transactional test empties the database, so it is
    seeded again each time."""
    seed(mocks_url)
