"""`manage.py run_registry_mocks --port 8100`: the registry mocks as their own HTTP process."""

from contextlib import suppress
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer, make_server

from django.conf import settings
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication

from registry_mocks.faults import MAX_SLEEP_S
from registry_mocks.wsgi import MocksApplication


class Command(BaseCommand):
    help = "Serve only the registry mocks over HTTP (at /registry-mocks/), as their own process."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8100)
        parser.add_argument(
            "--server",
            choices=["gunicorn", "wsgiref"],
            default="gunicorn",
            help="gunicorn with threaded workers, or one wsgiref process (easier to debug)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="gunicorn worker processes (more than one: share run-time faults through Redis)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=32,
            help="threads per gunicorn worker: a sleeping (slow or timed-out) request holds one "
            "(1: a sync worker, one request at a time)",
        )

    def handle(self, *, host, port, server, workers, threads, **options):
        application = MocksApplication()
        self.stdout.write(f"Registry mocks on http://{host}:{port}/registry-mocks/ ({server})")
        if (
            server == "gunicorn"
            and workers > 1
            and "LocMemCache" in settings.CACHES["default"]["BACKEND"]
        ):
            self.stderr.write(
                "Run-time faults (POST …/_faults) reach only the worker that receives them: "
                "set REDIS_URL so the workers share a cache, or use --workers 1."
            )
        self.stdout.flush()
        if server == "wsgiref":
            httpd = make_server(host, port, application, server_class=_ThreadingWSGIServer)
            with httpd, suppress(KeyboardInterrupt):
                httpd.serve_forever()
            return
        options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            # One thread: a sync worker, which takes a connection only when it is free (a
            # one-thread gthread worker would accept more and queue them behind its thread).
            "worker_class": "gthread" if threads > 1 else "sync",
            # A deliberate timeout sleeps; gunicorn must not kill the worker for it.
            "timeout": int(MAX_SLEEP_S) + 30,
            "accesslog": "-",
            # Nothing manages this process at run time; and the site's own gunicorn keeps the
            # default control socket to itself.
            "control_socket_disable": True,
        }
        _GunicornServer(application, options).run()


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _GunicornServer(BaseApplication):
    """gunicorn, configured from here rather than from its command line."""

    def __init__(self, application, options):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application
