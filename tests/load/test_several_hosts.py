"""Several hosts on one machine: two q2 clusters on the Redis broker and two gunicorn servers on
one address (SO_REUSEPORT), as separate processes. Both servers take submissions, both clusters
decide cases, and no case is decided twice."""

import pytest
import redis

from .conftest import assert_nothing_lost

pytestmark = pytest.mark.load

REDIS_URL = "redis://127.0.0.1:6379/4"


@pytest.fixture
def redis_broker():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


def test_two_clusters_and_two_web_servers_share_the_work(load_run, redis_broker):
    result = load_run(
        "several_hosts",
        broker="redis",
        redis_url=redis_broker,
        clusters=2,
        web_servers=2,
        web_workers=1,
        q_workers=1,
        clients=6,
    )
    assert_nothing_lost(result)
    by_server = result.checks["web_requests_by_server"]
    assert len(by_server) == 2 and all(count > 0 for count in by_server.values()), by_server
    by_cluster = result.checks["tasks_by_cluster"]
    assert len(by_cluster) == 2 and all(count > 0 for count in by_cluster.values()), by_cluster
