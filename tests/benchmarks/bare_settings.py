"""The test settings with one more URL, for the benchmarks' baseline: a bare Django view that
stores one JSON row (tests/benchmarks/bare_urls.py). Test-only: never in the site's URLs."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.bare_urls"
