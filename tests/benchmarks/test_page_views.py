"""Page views per second for a visitor without a session: the e-service page from the page cache,
against the same page rendered for a visitor with a session and a plain Wagtail page (the
Contact standard page), both rendered on every request. gunicorn as in production (each worker
keeps its own cache here: the local-memory cache of the test settings)."""

import os
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.forms_app.declaration import SERVICE_URL

from .figures import heading, line

pytestmark = pytest.mark.benchmark

VIEWS = int(os.environ.get("BENCH_VIEWS", "2000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
PLAIN_PAGE = "/en/contact/"


def views_per_second(base_url, path, *, with_session=False, expect_cache=None):
    """Views/s of `path` by CLIENTS clients sharing VIEWS requests."""

    def client():
        c = httpx.Client(base_url=base_url, timeout=30)
        if with_session:  # an application open: the page shows "Continue your application"
            token = c.get(SERVICE_URL).cookies.get("csrftoken")
            c.post(SERVICE_URL + "start/", headers={"X-CSRFToken": token or ""})
            assert "sessionid" in c.cookies
        return c

    clients = [client() for _ in range(CLIENTS)]
    for c in clients:  # warm every worker's templates (and its cache)
        for _ in range(10):
            c.get(path)

    def run(c, count):
        for _ in range(count):
            response = c.get(path)
            assert response.status_code == 200
            if expect_cache is not None:
                assert response.headers.get("X-Page-Cache") == expect_cache

    per_client = VIEWS // CLIENTS
    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(run, clients, [per_client] * CLIENTS))
    elapsed = time.perf_counter() - start
    for c in clients:
        c.close()
    return per_client * CLIENTS / elapsed


def test_page_views_per_second(web_server):
    cached = views_per_second(web_server.url, SERVICE_URL, expect_cache="hit")
    rendered = views_per_second(web_server.url, SERVICE_URL, with_session=True)
    plain = views_per_second(web_server.url, PLAIN_PAGE)
    heading(f"Page views/s, {CLIENTS} clients, {web_server.workers} gunicorn workers")
    line("service page, cached", views_per_s=cached)
    line("service page, rendered", views_per_s=rendered)
    line("plain Wagtail page", views_per_s=plain)
    line("ratio", cached_over_plain=cached / plain, cached_over_rendered=cached / rendered)
