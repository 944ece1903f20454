import pytest
from django.test import Client

from registry_mocks.faults import reset_faults

API_KEY = "dev-key"

# A small population and quick faults: no test sleeps more than a fraction of a second.
TEST_MOCKS = {
    "SEED": "test-seed",
    "HOUSEHOLDS": 200,
    "AS_OF": "2026-11-25",
    "API_KEYS": [API_KEY],
    "FAULTS": {"*": {"latency_ms": 0, "timeout_sleep_s": 0.3, "slow_ms": 300}},
}


@pytest.fixture(autouse=True)
def mocks_settings(settings):
    settings.REGISTRY_MOCKS = {**TEST_MOCKS}
    yield settings
    reset_faults()


@pytest.fixture
def api(settings):
    """A client of the mocks as their own process serves them (`run_registry_mocks`): their
    URLs and none of the site's middleware, so no database is needed."""
    settings.ROOT_URLCONF = "registry_mocks.standalone_urls"
    settings.MIDDLEWARE = []
    return MocksClient(headers={"X-Api-Key": API_KEY})


class MocksClient(Client):
    def person(self, code, pin, **params):
        return self.get(f"/registry-mocks/{code}/v1/persons/{pin}", params)

    def batch(self, code, pins, **fields):
        return self.post(
            f"/registry-mocks/{code}/v1/persons/batch",
            {"pins": pins, **fields},
            content_type="application/json",
        )

    def record(self, code, pin, **params):
        """The registry's 200 answer, decoded."""
        response = self.person(code, pin, **params)
        assert response.status_code == 200, (code, pin, response.content[:300])
        return response.json()
