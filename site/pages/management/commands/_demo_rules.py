"""The targeted assistance rule parameters the demo site starts with: the figures as published
(need criterion 2019–2026; subsistence minimum by year and group). 2023–2024's subsistence
minimum is left unknown rather than guessed: applications of those years can't be decided until
an editor enters it (casework refuses to carry 2022's figure over)."""

from datetime import date
from decimal import Decimal

TITLE = "Ünvanlı dövlət sosial yardımı — qaydaların parametrləri"

NEED_CRITERION = {
    2019: 143,
    2020: 160,
    2021: 170,
    2022: 200,
    2023: 246,
    2024: 270,
    2025: 285,
    2026: 300,
}

# year: (country-wide, working age, pensioners, children); None where not known here
SUBSISTENCE_MINIMUM = {
    2021: (196, 207, 162, 175),
    2022: (210, 220, 176, 193),
    2023: (None, None, None, None),
    2025: (285, 305, 232, 246),
    2026: (300, 317, 245, 260),
}


def _amount(value):
    return None if value is None else Decimal(value)


RULE_PARAMETERS = {
    "title": TITLE,
    "effective_from": date(2019, 1, 1),
    "need_criterion": [
        ("year", {"valid_from": date(year, 1, 1), "amount": Decimal(amount)})
        for year, amount in NEED_CRITERION.items()
    ],
    "subsistence_minimum": [
        (
            "year",
            {
                "valid_from": date(year, 1, 1),
                "country_wide": _amount(country),
                "working_age": _amount(working),
                "pensioners": _amount(pensioners),
                "children": _amount(children),
            },
        )
        for year, (country, working, pensioners, children) in SUBSISTENCE_MINIMUM.items()
    ],
    "notes": (
        "Ehtiyac meyarı: hər il Dövlət büdcəsi haqqında qanun. Yaşayış minimumu: Yaşayış minimumu "
        "haqqında qanun və Dövlət büdcəsi haqqında qanun. 2023–2024-cü illərin yaşayış minimumu "
        "daxil edilməyib."
    ),
}
