"""The mocks' settings: `REGISTRY_MOCKS` in Django settings, over these defaults.

Read on every use, not at import, so `override_settings` in tests takes effect.
"""

from django.conf import settings

DEFAULTS = {
    # The population is a pure function of the seed and its size.
    "SEED": "e-muraciet",
    "HOUSEHOLDS": 10_000,
    "API_KEYS": ["dev-key"],
    # Per registry code (or "*" for all): see faults.py for the keys.
    "FAULTS": {},
    # "YYYY-MM-DD": the day "the last 12 months" are counted back from when a request names none.
    # None means today.
    "AS_OF": None,
}


def mock_setting(name: str):
    return getattr(settings, "REGISTRY_MOCKS", {}).get(name, DEFAULTS[name])
