import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


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


@pytest.fixture
def registries(db, mocks_url, settings):
    """The registry catalogue pointing at the mocks, with short timeouts and waits for tests."""
    from casework.models import RegistrySource
    from casework.registries.catalogue import install_catalogue
    from registry_mocks import faults

    settings.REGISTRY_MOCKS = {
        "HOUSEHOLDS": 200,
        "FAULTS": {"*": {"timeout_sleep_s": 1.5, "slow_ms": 300}},
    }
    faults.reset_faults()
    install_catalogue(gateway_url=mocks_url, api_key="dev-key")
    RegistrySource.objects.update(
        read_timeout=0.8, connect_timeout=0.5, backoff_seconds=0.01, retries=2
    )
    yield {s.code: s for s in RegistrySource.objects.all()}
    faults.reset_faults()
