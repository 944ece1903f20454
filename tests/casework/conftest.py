from datetime import date, datetime, time

import pytest
from django.utils import timezone

# The day the scenarios' facts are fixed against, and the day their cases are received.
AS_OF = date(2026, 11, 25)


@pytest.fixture
def registries(db, settings):
    """The registry catalogue (pointed at the in-process mocks for the whole session, see
    tests/conftest.py) with short timeouts and waits for tests. The mocks' "today" is the
    scenarios' reference date."""
    from casework.models import RegistrySource
    from registry_mocks import faults

    settings.REGISTRY_MOCKS = {
        "HOUSEHOLDS": 200,
        "AS_OF": AS_OF.isoformat(),
        "FAULTS": {"*": {"timeout_sleep_s": 1.5, "slow_ms": 300}},
    }
    faults.reset_faults()
    RegistrySource.objects.update(
        read_timeout=0.8,
        connect_timeout=0.5,
        backoff_seconds=0.01,
        retries=2,
    )
    yield {s.code: s for s in RegistrySource.objects.all()}
    faults.reset_faults()


def scenario_answers(scenario) -> dict:
    """The declaration form's answers for a scenario family, as its applicant fills them in (the
    load run's mapping of the scenario table's declaration)."""
    from loadtest.declarations import form_answers
    from registry_mocks.declarations import as_dict

    return form_answers(as_dict(scenario, AS_OF)["declaration"])


@pytest.fixture
def submit_scenario(service_page):
    """Submit a scenario family's declaration; its case was received on the reference date."""
    from casework.models import Case
    from forms_app.services import submit_declaration
    from registry_mocks.scenarios import by_name

    def submit(name: str):
        submission = submit_declaration(
            service_page,
            service_page.current_form_version(),
            scenario_answers(by_name(name)),
            channel="online",
        )
        received = datetime.combine(AS_OF, time(10), tzinfo=timezone.get_current_timezone())
        Case.objects.filter(submission=submission).update(received_at=received)
        return Case.objects.get(submission=submission)

    return submit
