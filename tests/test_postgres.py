"""What only PostgreSQL's row locks show: many workers racing for the same row."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

import pytest
from django.db import connection
from django.utils import timezone

from casework.models import RegistrySource
from casework.registries import breaker

pytestmark = pytest.mark.postgres

WORKERS = 16


def test_only_one_worker_takes_the_half_open_trial_call(live_demo_site):
    source = RegistrySource.objects.get(code="tax")
    source.opened_until = timezone.now() - timedelta(seconds=1)
    source.save()
    start = Barrier(WORKERS)

    def ask(_):
        try:
            start.wait()
            return breaker.allow_call(RegistrySource.objects.get(pk=source.pk))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(ask, range(WORKERS)))
    assert answers.count(True) == 1
    source.refresh_from_db()
    assert breaker.state(source) == breaker.OPEN  # the others wait for the trial's result


def test_failures_from_many_workers_are_all_counted(live_demo_site):
    source = RegistrySource.objects.get(code="land")
    source.failure_threshold = 1000
    source.save()

    def fail(_):
        try:
            breaker.record_failure(source)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(fail, range(WORKERS * 4)))
    source.refresh_from_db()
    assert source.consecutive_failures == WORKERS * 4
