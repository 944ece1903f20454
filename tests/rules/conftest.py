"""The rules on their own: no database, no registries; the demo site's published parameters."""

import pytest


@pytest.fixture(scope="session")
def rules():
    from casework.models import RuleParameters
    from casework.rules.parameters import parameter_tree
    from casework.rules.system import EligibilityRules
    from pages.management.commands._demo_rules import RULE_PARAMETERS

    return EligibilityRules(parameter_tree(RuleParameters(**RULE_PARAMETERS).parameter_values()))
