"""A household's history with the ministry: an earlier application for targeted social
assistance (about 8.5% of households), still being paid, ended or refused."""

import random
from datetime import timedelta

from ..building import REFERENCE_DATE, add_years, money
from ..people import AssistanceApplication, Household


def add_assistance(rng: random.Random, household: Household) -> None:
    draw = rng.random()
    if draw >= 0.085:
        return
    if draw < 0.015:
        status = "ASSIGNED"
        submitted = REFERENCE_DATE - timedelta(days=rng.randint(20, 330))
    else:
        status = "REFUSED" if draw < 0.035 else "ENDED"
        submitted = REFERENCE_DATE - timedelta(days=rng.randint(365, 5 * 365))
    decided = submitted + timedelta(days=rng.randint(5, 20))
    if status == "REFUSED":
        reason = rng.choice(["INCOME_ABOVE_CRITERION", "VEHICLE", "ABLE_BODIED_NOT_WORKING"])
        terms = {"refusal_reason": reason}
    else:  # assigned for 12 months from the 1st of the month of application
        start = submitted.replace(day=1)
        terms = {
            "assigned_from": start,
            "assigned_to": add_years(start, 1) - timedelta(days=1),
            "monthly_amount": money(rng.randint(80, 450)),
        }
    number = f"ÜDSY-{submitted.year}-{rng.randint(100000, 999999)}"
    for person in household.members:
        if person.birth_date < submitted:
            role = "APPLICANT" if person is household.applicant else "MEMBER"
            person.assistance.append(
                AssistanceApplication(number, submitted, role, status, decided_on=decided, **terms)
            )
