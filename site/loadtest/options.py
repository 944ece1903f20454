"""What a load run is asked to do (`Options`, from `manage.py loadtest`) and its limits."""

import os
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
MAX_DECLARATIONS = 50_000
MAX_SECONDS = 3 * 3600


@dataclass
class Options:
    count: int = 600
    clients: int = 8
    # Declarations a second the clients aim at (0: as fast as the server takes them). A steady
    # rate spreads a small run over time, so that faults land while cases are in flight.
    rate: float = 0.0
    web_servers: int = 1
    web_workers: int = os.cpu_count() or 2
    clusters: int = 1
    q_workers: int = 2
    batch: bool = True
    batch_cases: int = 200
    broker: str = "orm"
    redis_url: str = "redis://127.0.0.1:6379/4"
    latency_ms: tuple[int, int] = (50, 200)
    mock_workers: int = 1
    q_timeout: int = 120
    q_retry: int = 180
    timeout: float = 1800.0  # the whole run, set-up excluded
    request_timeout: float = 30.0
    out: Path | None = None
    pg_dir: Path = Path("/tmp/emuraciet-load-pg")
    pg_port: int = 0  # 0: a free one
    database: str = "emuraciet_load"
    host: str = HOST
    progress: bool = True
    seed: int = 13
    # Faults, in seconds from the first submission.
    kill_worker_every: float = 0.0
    kill_cluster_at: float = 0.0
    flaky_registry: str = ""  # 30 % errors and time-outs
    down_registry: str = ""
    down_at: float = 2.0
    down_for: float = 0.0
    restart_db_at: float = 0.0
    restart_web_at: float = 0.0

    def check(self):
        """ValueError unless the run stays on this machine and within its bounds."""
        if self.host != HOST:
            raise ValueError(f"The load run only runs against {HOST}, never {self.host}.")
        if not 0 < self.count <= MAX_DECLARATIONS:
            raise ValueError(f"Between 1 and {MAX_DECLARATIONS} declarations.")
        if not 0 < self.timeout <= MAX_SECONDS:
            raise ValueError(f"A run lasts at most {MAX_SECONDS} s.")

    def faults(self) -> list[str]:
        named = []
        if self.kill_worker_every:
            named.append(f"kill -9 a q2 worker every {self.kill_worker_every:g} s")
        if self.kill_cluster_at:
            named.append(f"kill -9 a whole cluster at {self.kill_cluster_at:g} s")
        if self.flaky_registry:
            named.append(f"{self.flaky_registry}: 30 % errors and time-outs")
        if self.down_registry and self.down_for:
            named.append(f"{self.down_registry} down for {self.down_for:g} s")
        if self.restart_db_at:
            named.append(f"PostgreSQL restarted at {self.restart_db_at:g} s")
        if self.restart_web_at:
            named.append(f"web server killed and restarted at {self.restart_web_at:g} s")
        return named
