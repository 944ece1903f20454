"""schemathesis reads the API's own OpenAPI document, where each open service's declaration is
JSON Schema generated from its published form, and sends what it describes (positive mode) and
what it doesn't (negative mode) to the WSGI application in-process. Whatever arrives, the answer
is never a 5xx and always what the document says (status, content type, body); and the positive
cases include declarations the server accepts (201)."""

from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from forms_app.models import EServicePage

pytestmark = pytest.mark.api_fuzz

OPERATIONS = [
    ("/api/v1/services/", "GET"),
    ("/api/v1/services/{slug}/form", "GET"),
    ("/api/v1/services/{slug}/submissions", "POST"),
]
DEMO_SLUG = "unvanli-dovlet-sosial-yardimi"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 150


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


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_as_its_document_says_and_never_with_a_server_error(api_schema, mode):
    statuses = Counter()

    @given(case=cases(api_schema, mode))
    @hypothesis_settings(
        max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck)
    )
    def as_documented(case):
        response = case.call()
        statuses[(case.method, response.status_code)] += 1
        case.validate_response(response, checks=CHECKS)

    as_documented()
    submitted = dict(sorted((s, n) for (m, s), n in statuses.items() if m == "POST"))
    print(
        f"\n{mode.value}: {sum(statuses.values())} cases, submissions by status {submitted},"
        f" 201: {submitted.get(201, 0)},"
        f" 4xx: {sum(n for (_m, s), n in statuses.items() if 400 <= s < 500)},"
        f" 5xx: {sum(n for (_m, s), n in statuses.items() if s >= 500)}"
    )
    assert not any(s >= 500 for _m, s in statuses)
    if mode == GenerationMode.POSITIVE:
        # Generated from the form's own schema, some declarations are accepted.
        assert submitted.get(201, 0) > 0
