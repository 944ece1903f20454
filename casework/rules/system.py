"""The rules as one OpenFisca tax-benefit system per parameters version, and the version of the
formulas themselves: a hash of their source."""

import hashlib
from functools import cache
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from .entities import entities
from .parameters import build_parameters
from .variables import ALL

RULES_DIR = Path(__file__).resolve().parent


class EligibilityRules(TaxBenefitSystem):
    def __init__(self, parameter_tree: dict):
        super().__init__(entities)
        self.add_variables(*ALL)
        self.parameters = build_parameters(parameter_tree)


@cache
def formulas_hash() -> str:
    """A hash of the formulas' source: a decision records it, so a change of the code shows."""
    digest = hashlib.sha256()
    for path in sorted([RULES_DIR / "entities.py", *(RULES_DIR / "variables").glob("*.py")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
