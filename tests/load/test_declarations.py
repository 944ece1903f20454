"""The load run's declarations and its limits, without starting anything (fast: unit suite)."""

import json
from collections import Counter
from datetime import date

import pytest

from forms_app.schema.engine import validate_answers
from loadtest.declarations import declarations
from loadtest.run import Options, Run
from registry_mocks.population import Population

ON = date(2026, 11, 25)


def test_the_declarations_are_families_the_form_accepts(service_page):
    version = service_page.current_form_version()
    made = list(declarations(Population("e-muraciet", 1000), ON, 20))
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


def test_the_same_run_draws_the_same_declarations_in_one_process_or_several():
    one = list(declarations(Population("e-muraciet", 1000), ON, 12, chunk=10))
    two = list(declarations(Population("e-muraciet", 1000), ON, 12, processes=2, chunk=10))
    assert one == two


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
