"""schemathesis reads the API's own OpenAPI document and sends what it describes, and what it
doesn't, to the WSGI application in-process: whatever arrives, the answer is never a 5xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from forms_app.models import EServicePage

pytestmark = pytest.mark.api_fuzz

OPERATIONS = [
    ("/api/v1/services/", "GET"),
    ("/api/v1/services/{slug}/form", "GET"),
    ("/api/v1/services/{slug}/submissions", "POST"),
]
DEMO_SLUG = "unvanli-dovlet-sosial-yardimi"


@pytest.fixture
def api_schema(db, settings):
    from config.wsgi import application

    assert EServicePage.objects.filter(slug=DEMO_SLUG).exists(), "the demo site isn't seeded"
    settings.FORMS_APP = {**settings.FORMS_APP, "API_SUBMISSIONS_PER_MINUTE": 10**9}
    # As in Django's test client: the handler's request signals would otherwise close the
    # connection that holds this test's transaction, and the seeded demo site with it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def cases(schema, mode):
    """Every operation's cases; those naming a service also go to the demo service, since a
    random slug only ever meets a 404."""
    strategies = []
    for path, method in OPERATIONS:
        operation = schema[path][method]
        strategies.append(operation.as_strategy(mode))
        if "{slug}" in path:
            strategies.append(operation.as_strategy(mode, path_parameters={"slug": DEMO_SLUG}))
    return st.one_of(strategies)


# The JSON API is plain Django and in-process: 2 × 60 cases take a few seconds.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_never_answers_with_a_server_error(api_schema, mode):
    @given(case=cases(api_schema, mode))
    @hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    def never_a_server_error(case):
        case.call_and_validate(checks=[not_a_server_error])

    never_a_server_error()
