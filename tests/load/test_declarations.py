"""The load run's declarations and its limits, without starting a run (fast: unit suite). The
families come from the registry mocks over HTTP (served in this process, see tests/conftest.py),
as the run fetches them from the mocks' process it starts."""

import json
from collections import Counter
from datetime import date

import httpx
import pytest

from forms_app.schema.engine import validate_answers
from loadtest.declarations import declarations
from loadtest.options import Options
from loadtest.run import Run

ON = date(2026, 11, 25)


@pytest.fixture
def mocks(mocks_url):
    with httpx.Client(base_url=mocks_url, timeout=30) as client:
        yield client


def test_the_declarations_are_families_the_form_accepts(service_page, mocks):
    version = service_page.current_form_version()
    made = list(declarations(mocks, ON, 20, page=50))
    for label, answers in made:
        # Through JSON, as the clients send them.
        _cleaned, errors = validate_answers(
            version.definition, json.loads(json.dumps(answers)), channel="api", language="az"
        )
        assert errors == {}, (label, errors)
    sizes = Counter(1 + len(answers["family_members"]) for _label, answers in made)
    assert set(sizes) <= set(range(1, 9)) and len(sizes) >= 4
    assert sum(label.startswith("scenario:") for label, _a in made) == 2
    # Each applicant once: the one-open-application rule would refuse a second.
    assert len({answers["pin"] for _label, answers in made}) == len(made)


def test_the_same_run_draws_the_same_declarations_however_the_pages_are_fetched(mocks):
    one = list(declarations(mocks, ON, 12, page=10))
    several = list(declarations(mocks, ON, 12, parallel=3, page=7))
    assert one == several


def test_a_population_too_small_for_the_run_is_said_so(mocks, settings):
    settings.REGISTRY_MOCKS = {**settings.REGISTRY_MOCKS, "HOUSEHOLDS": 5}
    with pytest.raises(ValueError, match="too few households"):
        list(declarations(mocks, ON, 12, page=10))


@pytest.mark.parametrize(
    "options, message",
    [
        ({"host": "10.0.0.5"}, "only runs against 127.0.0.1"),
        ({"count": 0}, "Between 1 and"),
        ({"count": 1_000_000}, "Between 1 and"),
        ({"timeout": 10 * 3600}, "at most"),
    ],
)
def test_the_run_is_bounded_and_stays_on_this_machine(options, message, tmp_path):
    with pytest.raises(ValueError, match=message):
        Run(Options(out=tmp_path, **options))
