"""The family as the registries describe it: plain dataclasses that the eligibility rules read.

Each registry's answer is read (readers.py) and joined (normalise.py) into these, whatever its
own JSON looks like; the snapshot is stored on the case as JSON (`as_json`/`from_json`, through
pydantic, which reads the types from the annotations) so a decision can be replayed.
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from pydantic import TypeAdapter


@dataclass
class Income:
    registry: str  # which registry reported it
    kind: str  # salary, pension, benefit, entrepreneurship, unemployment_insurance, other
    payer: str
    # AZN paid in each month ("YYYY-MM") of the 12 months before the application
    months: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total_12_months(self) -> Decimal:
        return sum(self.months.values(), Decimal("0"))


@dataclass
class Member:
    pin: str
    known_to_civil_registry: bool = True
    surname: str = ""
    name: str = ""
    patronymic: str = ""
    birth_date: date | None = None
    sex: str = ""
    death_date: date | None = None
    registered_address: str = ""  # full text as the address registry writes it
    registered_address_id: str = ""
    registered_district: str = ""
    id_card_valid: bool | None = None
    incomes: list[Income] = field(default_factory=list)
    employed: bool = False
    entrepreneur: bool = False
    pensioner: bool = False
    registered_unemployed: bool = False
    unemployment_insurance: bool = False
    refused_suitable_offers: int = 0
    disability_group: str = ""  # "", "I", "II", "III", or "child" for a disabled child
    full_time_student: bool = False
    in_military_service: bool = False
    imprisoned: bool = False
    former_idp: bool = False

    @property
    def alive(self) -> bool:
        return self.death_date is None

    def age(self, on: date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


@dataclass
class Vehicle:
    owner_pin: str
    plate: str
    make: str = ""
    year: int | None = None
    given_by_state_for_rehabilitation: bool = False


@dataclass
class Dwelling:
    owner_pin: str
    address: str
    purpose: str = "residential"
    area_m2: Decimal | None = None


@dataclass
class Deal:
    """A purchase or sale registered by a notary."""

    pin: str
    kind: str  # purchase or sale
    amount: Decimal
    day: date | None = None
    subject: str = ""


@dataclass
class Household:
    members: list[Member] = field(default_factory=list)
    vehicles: list[Vehicle] = field(default_factory=list)
    dwellings: list[Dwelling] = field(default_factory=list)
    land_hectares: Decimal = Decimal("0")
    utilities_monthly: Decimal = Decimal("0")  # electricity + gas + water, monthly average
    communications_monthly: Decimal = Decimal("0")
    deals: list[Deal] = field(default_factory=list)
    # Numbers of the family's open applications for targeted assistance (this one may be among
    # them once the ministry's records show it).
    open_assistance_applications: list[str] = field(default_factory=list)
    # The latest refusal of a member's application for false information (it bars a new one
    # for a while: the rules say how long).
    refused_for_false_information_on: date | None = None
    unreachable_registries: list[str] = field(default_factory=list)

    def member(self, pin: str) -> Member | None:
        return next((m for m in self.members if m.pin == pin), None)

    def as_json(self) -> dict:
        return _HOUSEHOLD_JSON.dump_python(self, mode="json")

    @classmethod
    def from_json(cls, data: dict) -> "Household":
        return _HOUSEHOLD_JSON.validate_python(data)


@dataclass
class Discrepancy:
    """Where the declaration and a registry disagree.

    `settled_by_registry`: the registry's word is final (an undeclared salary or vehicle), so a
    rule may refuse on it; otherwise a caseworker must judge (a member registered elsewhere).
    """

    kind: str
    registry: str
    pin: str = ""
    declared: str = ""
    found: str = ""
    settled_by_registry: bool = True

    def as_json(self) -> dict:
        return asdict(self)


_HOUSEHOLD_JSON = TypeAdapter(Household)
