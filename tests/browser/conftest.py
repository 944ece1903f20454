"""Browser tests: Playwright drives Debian's chromium (installed by `make browsers`) and axe-core
(from npm: `make node_modules`) checks each page's accessibility."""

import io
import json
import os
import shutil
import threading
from pathlib import Path
from wsgiref.simple_server import make_server

import pytest
from django.core.management import call_command

from tests.conftest import QuietHandler, ThreadingWSGIServer, point_registries_at, seed

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"


def _missing(message):
    if os.environ.get("CI"):
        pytest.fail(f"{message} (in CI the browser tests must run)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _missing("chromium is not installed: run `make browsers`")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
    # make between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_demo_site, live_server):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def shared_demo_site(django_db_setup, django_db_blocker, mocks_url):
    """The demo site served over HTTP, committed once for a whole module of browser tests (they
    share one server and one browser; pytest-django's live_server would empty the database
    after every test). The database is set back as the session left it afterwards."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    with django_db_blocker.unblock():  # for the server's threads too, for the whole module
        call_command("flush", interactive=False, stdout=io.StringIO())
        seed(mocks_url)
        server = make_server(
            "127.0.0.1",
            0,
            StaticFilesHandler(get_wsgi_application()),
            server_class=ThreadingWSGIServer,
            handler_class=QuietHandler,
        )
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            call_command("flush", interactive=False, stdout=io.StringIO())
            seed(mocks_url)
            point_registries_at(mocks_url)


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        _missing("axe-core is not installed: run `make node_modules` (npm ci)")
    return AXE.read_text(encoding="utf-8")


def run_axe(page, axe_source) -> dict:
    """axe-core's findings on the page as it is now: {"violations": [...], "incomplete": [...]}
    with each rule's id, impact, help and the elements it found."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations", "incomplete"]});
            const brief = (items) => items.map((i) => ({
                id: i.id, impact: i.impact, help: i.help,
                nodes: i.nodes.map((n) => n.target.join(" ") + " " + (n.failureSummary || "")),
            }));
            return {violations: brief(r.violations), incomplete: brief(r.incomplete)};
        }"""
    )


def describe(findings) -> str:
    return json.dumps(findings, ensure_ascii=False, indent=1)[:4000]
