"""The synthetic population's facts: what is true about a household, before any registry's view.

Each registry mock picks the facts it would hold and writes them in its own shape. Registries
only read these objects; they are built by `generation/` (the population) and `scenarios/`.
"""

import calendar
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from . import tariffs

CENT = Decimal("0.01")


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def last_12_months(as_of: date) -> list[tuple[int, int]]:
    """The 12 whole calendar months before the month of `as_of`, oldest first."""
    months = []
    year, month = as_of.year, as_of.month
    for _ in range(12):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        months.append((year, month))
    return months[::-1]


def overlaps_month(start: date, end: date | None, year: int, month: int) -> bool:
    return start <= month_end(year, month) and (end is None or end >= month_start(year, month))


@dataclass(slots=True)
class Address:
    address_id: str  # the address registry's own key: compare these, not the text
    region: str  # "Bakı şəhəri", "Şəki rayonu"
    district: str  # "Nəsimi rayonu"; for a region, its own name again
    settlement: str  # "Bakıxanov qəsəbəsi", or "" in a city centre
    street: str
    building: str
    apartment: str  # "" for a private house
    postal_code: str

    def line(self) -> str:
        parts = [self.region]
        if self.district != self.region:
            parts.append(self.district)
        if self.settlement:
            parts.append(self.settlement)
        parts.append(f"{self.street}, ev {self.building}")
        if self.apartment:
            parts.append(f"mənzil {self.apartment}")
        return ", ".join(parts)


@dataclass(slots=True)
class IdCard:
    number: str  # "AA1234567" or, older, "AZE12345678"
    issued_on: date
    expires_on: date | None  # None: valid indefinitely
    authority: str


@dataclass(slots=True)
class Marriage:
    spouse_name: str
    spouse_pin: str | None  # None when the spouse is not in the household
    registered_on: date
    act_number: str
    ended_on: date | None = None
    ended_by: str = ""  # "DIVORCE" or "DEATH"


@dataclass(slots=True)
class Contract:
    number: str
    employer: str
    employer_voen: str
    public_sector: bool
    position: str
    started_on: date
    ended_on: date | None
    monthly_salary: Decimal
    full_time: bool = True

    def active_in(self, year: int, month: int) -> bool:
        # A month with any day of work counts whole: the mock pays by month, not by day.
        return overlaps_month(self.started_on, self.ended_on, year, month)


@dataclass(slots=True)
class Business:
    """An individual entrepreneur."""

    voen: str
    activity: str
    registered_on: date
    tax_regime: str  # "SIMPLIFIED" (turnover tax) or "INCOME"
    monthly_turnover: Decimal
    monthly_income: Decimal
    closed_on: date | None = None


@dataclass(slots=True)
class Pension:
    kind: str  # "AGE", "DISABILITY", "SURVIVOR"
    monthly_amount: Decimal
    assigned_on: date
    ended_on: date | None = None


@dataclass(slots=True)
class Benefit:
    kind: str  # "DISABLED_CHILD", "CARE", "CHILD_UNDER_1", "LOSS_OF_BREADWINNER"
    monthly_amount: Decimal
    started_on: date
    ended_on: date | None = None


@dataclass(slots=True)
class JobOffer:
    offered_on: date
    employer: str
    position: str
    monthly_salary: Decimal
    outcome: str  # "ACCEPTED", "REFUSED", "PENDING"
    suitable: bool = True


@dataclass(slots=True)
class Unemployment:
    """Registration with the State Employment Agency, and unemployment insurance."""

    centre: str
    registered_on: date | None
    deregistered_on: date | None = None
    insurance_monthly: Decimal | None = None
    insurance_from: date | None = None
    insurance_to: date | None = None
    offers: list[JobOffer] = field(default_factory=list)


@dataclass(slots=True)
class Disability:
    group: int | None  # 1, 2, 3; None for a child under 18 ("limited health abilities")
    cause: str
    decision_number: str
    examined_on: date
    valid_until: date | None  # None: indefinitely


@dataclass(slots=True)
class Study:
    institution: str
    level: str  # "SCHOOL", "VOCATIONAL", "BACHELOR", "MASTER"
    programme: str
    full_time: bool
    enrolled_on: date
    expected_end: date
    year_of_study: int
    monthly_stipend: Decimal = Decimal("0.00")


@dataclass(slots=True)
class MilitaryService:
    status: str  # "SERVING", "RESERVE", "EXEMPT", "DEFERRED", "NOT_LIABLE"
    kind: str = ""  # "CONSCRIPT" or "CONTRACT" while serving
    unit: str = ""
    started_on: date | None = None
    ends_on: date | None = None


@dataclass(slots=True)
class Displacement:
    """Internally displaced person (IDP) status, or its end after the return home."""

    status: str  # "IDP" or "FORMER_IDP"
    origin: str  # district of origin: "Ağdam", "Füzuli", …
    certificate_number: str
    since: date
    returned_on: date | None = None
    monthly_allowance: Decimal = Decimal("0.00")


@dataclass(slots=True)
class Imprisonment:
    institution: str
    admitted_on: date
    release_due: date
    released_on: date | None = None


@dataclass(slots=True)
class Dwelling:
    registry_number: str
    cadastral_code: str
    kind: str  # "APARTMENT", "HOUSE", "NON_RESIDENTIAL"
    purpose: str  # "RESIDENTIAL", "COMMERCIAL"
    address: Address
    total_area: Decimal  # m²
    living_area: Decimal
    share: str  # "1/1", "1/2"
    acquired_on: date
    acquired_by: str  # "PURCHASE", "PRIVATISATION", "INHERITANCE", "GIFT"


@dataclass(slots=True)
class LandShare:
    certificate_number: str
    municipality: str
    district: str
    hectares: Decimal
    category: str  # "AGRICULTURAL", "HOMESTEAD"
    registered_on: date


@dataclass(slots=True)
class Vehicle:
    plate: str  # "10-AB-123"
    vin: str
    make: str
    model: str
    year: int
    colour: str
    engine_cc: int
    registered_on: date
    right: str  # "OWNER", or "POWER_OF_ATTORNEY" for a car used on a notarised proxy
    state_programme: str = ""  # "REHABILITATION": given by the state to a disabled person


@dataclass(slots=True)
class Deed:
    """A notarised transaction."""

    registry_number: str
    signed_on: date
    notary_office: str
    kind: str  # "PURCHASE", "SALE", "GIFT", "POWER_OF_ATTORNEY"
    role: str  # "BUYER", "SELLER", "DONOR", "RECIPIENT", "GRANTOR", "ATTORNEY"
    subject: str  # "APARTMENT", "HOUSE", "VEHICLE", "LAND"
    description: str
    amount: Decimal  # AZN; 0 for a gift or a proxy
    counterparty: str


@dataclass(slots=True)
class BankAccount:
    bank: str
    bank_code: str
    iban: str
    currency: str
    kind: str  # "CURRENT", "CARD", "DEPOSIT"
    opened_on: date
    balance: Decimal
    closed_on: date | None = None


@dataclass(slots=True)
class AssistanceApplication:
    """An earlier application for targeted social assistance."""

    number: str
    submitted_on: date
    role: str  # "APPLICANT" or "MEMBER"
    status: str  # "OPEN", "ASSIGNED", "ENDED", "REFUSED"
    assigned_from: date | None = None
    assigned_to: date | None = None
    monthly_amount: Decimal | None = None
    refusal_reason: str = ""  # e.g. "FALSE_INFORMATION", "INCOME_ABOVE_CRITERION"
    decided_on: date | None = None


@dataclass(slots=True)
class BorderCrossing:
    crossed_on: date
    direction: str  # "EXIT" or "ENTRY"
    checkpoint: str
    country: str  # ISO 3166 alpha-3 of the other side


def _monthly_variation(key: str) -> float:
    """A reproducible factor around 1 for one account and month."""
    return random.Random(key).uniform(0.85, 1.15)


@dataclass(slots=True)
class Subscription:
    """A mobile, fixed-line or internet contract."""

    operator: str
    number: str
    kind: str  # "MOBILE", "FIXED", "INTERNET"
    since: date
    monthly_fee: Decimal

    def bill(self, year: int, month: int) -> Decimal | None:
        if month_end(year, month) < self.since:
            return None
        factor = Decimal(str(_monthly_variation(f"{self.number}:{year}-{month}")))
        return (self.monthly_fee * factor).quantize(CENT)


@dataclass(slots=True)
class UtilityMonth:
    year: int
    month: int
    quantity: Decimal
    charged: Decimal
    paid: Decimal


@dataclass(slots=True)
class UtilityAccount:
    service: str  # "ELECTRICITY", "GAS", "WATER"
    provider: str
    subscriber_code: str
    holder_pin: str
    address: Address
    monthly_quantity: Decimal  # an average month; gas and electricity follow the seasons
    opened_on: date

    def month(self, year: int, month: int) -> UtilityMonth | None:
        if month_end(year, month) < self.opened_on:
            return None
        key = f"{self.subscriber_code}:{year}-{month}"
        season = tariffs.SEASONS[self.service][month - 1]
        quantity = (
            self.monthly_quantity * Decimal(str(season * _monthly_variation(key)))
        ).quantize(Decimal("1"))
        charged = tariffs.charge(self.service, quantity)
        # Most households pay in full; some carry a small debt into the next month.
        paid = (
            charged if random.Random(key + ":paid").random() < 0.85 else (charged * Decimal("0.6"))
        )
        return UtilityMonth(year, month, quantity, charged, paid.quantize(CENT))


@dataclass(slots=True)
class Person:
    pin: str
    household_index: int
    member_index: int
    relation: str  # to the applicant: "applicant", "spouse", "son", "daughter", "father", "mother"
    surname: str
    given_name: str
    patronymic: str  # "Elçin oğlu", "Şükür qızı"
    sex: str  # "M" or "F"
    birth_date: date
    birth_place: str
    ssn: str
    in_civil_registry: bool = (
        True  # False: the PIN is unknown to civil, ID-card and address records
    )
    death_date: date | None = None
    registered_address: Address | None = None  # None: registered at the household's address
    id_card: IdCard | None = None
    mobile: str = ""
    email: str = ""
    marriages: list[Marriage] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    business: Business | None = None
    pensions: list[Pension] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    unemployment: Unemployment | None = None
    disability: Disability | None = None
    studies: list[Study] = field(default_factory=list)
    military: MilitaryService | None = None
    displacement: Displacement | None = None
    imprisonments: list[Imprisonment] = field(default_factory=list)
    dwellings: list[Dwelling] = field(default_factory=list)
    land_shares: list[LandShare] = field(default_factory=list)
    vehicles: list[Vehicle] = field(default_factory=list)
    deeds: list[Deed] = field(default_factory=list)
    bank_accounts: list[BankAccount] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    assistance: list[AssistanceApplication] = field(default_factory=list)
    border_crossings: list[BorderCrossing] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        """As Azerbaijani documents write it: "Əliyev Rəşad Elçin oğlu"."""
        return f"{self.surname} {self.given_name} {self.patronymic}"

    @property
    def father_name(self) -> str:
        return self.patronymic.rsplit(" ", 1)[0]

    def age(self, on: date) -> int:
        return (
            on.year
            - self.birth_date.year
            - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))
        )

    def alive_on(self, day: date) -> bool:
        return self.death_date is None or self.death_date > day

    def incomes_in(self, year: int, month: int) -> dict[str, Decimal]:
        """What this person received in one month, by kind (AZN)."""
        incomes: dict[str, Decimal] = {}

        def add(kind, amount):
            incomes[kind] = incomes.get(kind, Decimal("0")) + amount

        for contract in self.contracts:
            if contract.active_in(year, month):
                add("salary", contract.monthly_salary)
        business = self.business
        if business and overlaps_month(business.registered_on, business.closed_on, year, month):
            add("entrepreneurial", business.monthly_income)
        for pension in self.pensions:
            if overlaps_month(pension.assigned_on, pension.ended_on, year, month):
                add("pension", pension.monthly_amount)
        for benefit in self.benefits:
            if overlaps_month(benefit.started_on, benefit.ended_on, year, month):
                add("benefit", benefit.monthly_amount)
        insurance = self.unemployment
        if (
            insurance
            and insurance.insurance_monthly
            and overlaps_month(insurance.insurance_from, insurance.insurance_to, year, month)
        ):
            add("unemployment_insurance", insurance.insurance_monthly)
        for study in self.studies:
            if study.monthly_stipend and overlaps_month(
                study.enrolled_on, study.expected_end, year, month
            ):
                add("stipend", study.monthly_stipend)
        return incomes


@dataclass(slots=True)
class Household:
    index: int
    address: Address
    members: list[Person]
    utilities: list[UtilityAccount] = field(default_factory=list)
    scenario: str = ""  # the scenario's name for a scenario household

    @property
    def applicant(self) -> Person:
        return self.members[0]

    def member(self, pin: str) -> Person | None:
        return next((p for p in self.members if p.pin == pin), None)

    def address_of(self, person: Person) -> Address:
        return person.registered_address or self.address

    def parents_of(self, person: Person) -> list[Person]:
        """Parents living in the household, read from the relations to the applicant."""
        if person.relation in ("son", "daughter"):
            wanted = ("applicant", "spouse")
        elif person.relation == "applicant":
            wanted = ("father", "mother")
        elif person.relation == "spouse":
            wanted = ("father-in-law", "mother-in-law")
        else:
            return []
        return [p for p in self.members if p.relation in wanted]

    def children_of(self, person: Person) -> list[Person]:
        return [p for p in self.members if any(parent is person for parent in self.parents_of(p))]
