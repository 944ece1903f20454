"""`manage.py loadtest --count 600`: the load run (site/loadtest/run.py), on 127.0.0.1 only."""

import signal
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loadtest.options import MAX_DECLARATIONS, Options
from loadtest.report import markdown
from loadtest.run import run


class Command(BaseCommand):
    help = (
        "Submit N declarations through the JSON API to gunicorn, q2 clusters, the registry mocks "
        "and a private PostgreSQL cluster, all started here on 127.0.0.1; wait until every case "
        "is closed (letter and notices out) or flagged; report throughput, latency, CPU and "
        "checks under var/loadtest/."
    )

    def add_arguments(self, parser):
        d = Options()
        add = parser.add_argument
        add("--count", "-n", type=int, default=d.count, help=f"declarations (≤ {MAX_DECLARATIONS})")
        add("--clients", "-c", type=int, default=d.clients, help="client threads")
        add("--rate", type=float, default=0.0, help="declarations a second (0: as fast as taken)")
        add("--web-servers", type=int, default=1, help="gunicorn servers on one port (reuse-port)")
        add("--web-workers", type=int, default=d.web_workers, help="gunicorn workers (cores)")
        add("--clusters", "-k", type=int, default=1, help="q2 clusters")
        add("--q-workers", type=int, default=d.q_workers, help="workers per q2 cluster")
        add("--per-case", action="store_true", help="a task per case instead of batch mode")
        add("--batch-cases", type=int, default=d.batch_cases)
        add("--broker", choices=["orm", "redis"], default="orm")
        add("--redis-url", default=d.redis_url)
        add("--latency", default="50,200", help="registry latency in ms: low,high")
        add("--mock-workers", type=int, default=1)
        add("--q-timeout", type=int, default=d.q_timeout)
        add("--q-retry", type=int, default=d.q_retry)
        add("--timeout", type=float, default=d.timeout, help="seconds the run may take at most")
        add("--out", type=Path, help="report folder (default var/loadtest/<timestamp>)")
        add("--pg-dir", type=Path, default=d.pg_dir, help="the private PostgreSQL cluster")
        add("--pg-port", type=int, default=0)
        add("--host", default="127.0.0.1", help="only 127.0.0.1 is accepted")
        add("--no-progress", action="store_true")
        faults = parser.add_argument_group("faults (seconds from the first submission)")
        faults.add_argument("--kill-worker-every", type=float, default=0.0)
        faults.add_argument("--kill-cluster-at", type=float, default=0.0)
        faults.add_argument("--flaky-registry", default="", help="e.g. tax: 30 %% errors/time-outs")
        faults.add_argument("--down-registry", default="", help="e.g. sspf")
        faults.add_argument("--down-at", type=float, default=2.0)
        faults.add_argument("--down-for", type=float, default=0.0)
        faults.add_argument("--restart-db-at", type=float, default=0.0)
        faults.add_argument("--restart-web-at", type=float, default=0.0)

    def handle(self, **o):
        # A stopped run (kill, a CI time-out) still stops what it started: exiting runs the
        # run's clean-up, where the default SIGTERM would orphan every child process.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        low, high = (int(ms) for ms in o["latency"].split(","))
        try:
            options = Options(
                count=o["count"],
                clients=o["clients"],
                rate=o["rate"],
                web_servers=o["web_servers"],
                web_workers=o["web_workers"],
                clusters=o["clusters"],
                q_workers=o["q_workers"],
                batch=not o["per_case"],
                batch_cases=o["batch_cases"],
                broker=o["broker"],
                redis_url=o["redis_url"],
                latency_ms=(low, high),
                mock_workers=o["mock_workers"],
                q_timeout=o["q_timeout"],
                q_retry=o["q_retry"],
                timeout=o["timeout"],
                out=o["out"],
                pg_dir=o["pg_dir"],
                pg_port=o["pg_port"],
                host=o["host"],
                progress=not o["no_progress"],
                kill_worker_every=o["kill_worker_every"],
                kill_cluster_at=o["kill_cluster_at"],
                flaky_registry=o["flaky_registry"],
                down_registry=o["down_registry"],
                down_at=o["down_at"],
                down_for=o["down_for"],
                restart_db_at=o["restart_db_at"],
                restart_web_at=o["restart_web_at"],
            )
            result = run(options)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(markdown(result))
        self.stdout.write(f"Written to {result.out}/ (report.md, report.json, chart.png)")
        if not result.holds:
            raise CommandError(
                "Something was lost, duplicated, stuck, not closed or broken: see the checks."
            )
