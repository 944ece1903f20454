"""Work and income of a person of working age: employment contracts (salaries from the minimum
wage up; some ended this year), individual entrepreneurship, losing a job and registering as
unemployed (job offers, unemployment insurance), and the bank accounts income is paid into."""

import random
from datetime import timedelta
from decimal import Decimal

from .. import data, identifiers
from ..building import REFERENCE_DATE, bank_account, money, years_ago
from ..identifiers import person_number
from ..people import Business, Contract, JobOffer, Person, Unemployment

MINIMUM_WAGE = Decimal("400")


def add_working_life(rng: random.Random, place: data.Place, person: Person, age: int) -> None:
    """A job or a business, or, for some of those without, a job lost and unemployment."""
    studying = any(s.full_time for s in person.studies)
    group = person.disability.group if person.disability else None
    chance = 0.68 if person.sex == "M" else 0.40
    if studying:
        chance = 0.08
    elif group in (1, 2):
        chance = 0.1
    if rng.random() < chance:
        if not studying and rng.random() < (0.08 if person.sex == "M" else 0.03):
            _business(rng, person, age)
        else:
            _contract(rng, person, age)
        return
    if not studying and group != 1 and rng.random() < 0.15:
        _lost_job(rng, place, person, age)


def _contract(rng, person, age, *, ended=None) -> Contract:
    employer, voen, public, positions, median = rng.choice(data.EMPLOYERS)
    salary = max(MINIMUM_WAGE, Decimal(round(median * rng.lognormvariate(0, 0.3), -1)))
    started = max(years_ago(rng.uniform(0.3, 12)), years_ago(age - 18))
    if ended is None and rng.random() < 0.1:
        ended = REFERENCE_DATE - timedelta(days=rng.randint(20, 360))  # left this year
    if ended is not None and ended <= started:
        started = ended - timedelta(days=rng.randint(120, 1500))
    contract = Contract(
        number=f"EM-{started.year}-{rng.randint(0, 9_999_999):07d}",
        employer=employer,
        employer_voen=voen,
        public_sector=public,
        position=rng.choice(positions),
        started_on=started,
        ended_on=ended,
        monthly_salary=money(min(salary, Decimal(4000))),
        full_time=rng.random() < 0.92,
    )
    person.contracts.append(contract)
    return contract


def _business(rng, person, age) -> None:
    turnover = money(rng.randint(300, 4000))
    number = person_number(person.household_index, person.member_index)
    person.business = Business(
        voen=identifiers.entrepreneur_voen(number),
        activity=rng.choice(data.BUSINESS_ACTIVITIES),
        registered_on=max(years_ago(rng.uniform(0.5, 10)), years_ago(age - 18)),
        tax_regime="SIMPLIFIED" if turnover * 12 < 200_000 else "INCOME",
        monthly_turnover=turnover,
        monthly_income=money(turnover * Decimal(rng.uniform(0.2, 0.4))),
    )


def _lost_job(rng, place, person, age) -> None:
    """Out of work: maybe after a job that ended, maybe registered, maybe insured."""
    last_job = None
    if age >= 20 and rng.random() < 0.5:
        last_job = _contract(
            rng, person, age, ended=REFERENCE_DATE - timedelta(days=rng.randint(20, 700))
        )
    if rng.random() >= 0.6:
        return  # not registered anywhere: no valid reason on paper
    registered = (last_job.ended_on if last_job else years_ago(rng.uniform(0.1, 2))) + timedelta(
        days=rng.randint(3, 40)
    )
    registered = min(registered, REFERENCE_DATE - timedelta(days=2))
    unemployment = Unemployment(data.EMPLOYMENT_CENTRE.format(district=place.district), registered)
    if last_job and (REFERENCE_DATE - last_job.ended_on).days < 200 and rng.random() < 0.6:
        unemployment.insurance_monthly = money(
            min(last_job.monthly_salary * Decimal("0.7"), Decimal(1000))
        )
        unemployment.insurance_from = registered
        unemployment.insurance_to = registered + timedelta(days=182)
    for _ in range(rng.choices([0, 1, 2, 3], weights=[50, 25, 15, 10])[0]):
        employer, _, _, positions, median = rng.choice(data.EMPLOYERS)
        offered = registered + timedelta(
            days=rng.randint(5, max(6, (REFERENCE_DATE - registered).days))
        )
        outcome = rng.choices(["REFUSED", "PENDING"], weights=[40, 60])[0]
        unemployment.offers.append(
            JobOffer(
                min(offered, REFERENCE_DATE),
                employer,
                rng.choice(positions),
                money(median),
                outcome,
            )
        )
    unemployment.offers.sort(key=lambda offer: offer.offered_on)
    person.unemployment = unemployment


def add_bank_accounts(rng: random.Random, person: Person, age: int) -> None:
    """A card per salary and for a pension, a current account for a business; some savings."""
    for contract in person.contracts:
        person.bank_accounts.append(
            bank_account(
                rng,
                kind="CARD",
                opened_on=contract.started_on,
                balance=rng.uniform(0, 900),
            )
        )
        person.bank_accounts[-1].closed_on = contract.ended_on
    if person.pensions:
        # Pensions are paid onto Kapital Bank cards.
        person.bank_accounts.append(
            bank_account(
                rng,
                kind="CARD",
                opened_on=person.pensions[0].assigned_on,
                balance=rng.uniform(0, 400),
                bank=data.BANKS[0],
            )
        )
    if person.business:
        person.bank_accounts.append(
            bank_account(
                rng,
                kind="CURRENT",
                opened_on=person.business.registered_on,
                balance=rng.uniform(50, 6000),
            )
        )
    if age >= 25 and rng.random() < 0.18:
        person.bank_accounts.append(
            bank_account(
                rng,
                kind="DEPOSIT",
                opened_on=years_ago(rng.uniform(0.2, 6)),
                balance=rng.uniform(300, 15000),
            )
        )
