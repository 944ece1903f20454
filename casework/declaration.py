"""What the family declared, read from a submission's answers.

The declaration form's machine names are the contract between the form editors and casework;
they are data (settings.CASEWORK["DECLARATION_FIELDS"]), so a ministry can rename them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings

DEFAULT_FIELDS = {
    "applicant_pin": "pin",
    "applicant_surname": "last_name",
    "applicant_name": "first_name",
    "applicant_birth_date": "birth_date",
    "applicant_status": "applicant_status",
    "registered_address": "registered_address",
    "members": "family_members",
    "member_pin": "pin",
    "member_surname": "last_name",
    "member_name": "first_name",
    "member_birth_date": "birth_date",
    "member_relation": "relation",
    "member_status": "status",
    "incomes": "incomes",
    "income_pin": "member_pin",
    "income_type": "type",
    "income_amount": "amount_12_months",
    "dwellings_count": "dwellings_count",
    "land_hectares": "land_hectares",
    "vehicles": "vehicles",
    "vehicle_plate": "plate",
    "vehicle_given_by_state": "given_by_state",
    "utilities_monthly": ["electricity_monthly", "gas_monthly", "water_monthly"],
    "communications_monthly": "communication_monthly",
    "feedback_channel": "feedback_channel",
    "feedback_email": "feedback_email",
    "feedback_mobile": "feedback_mobile",
}


def _fields():
    return {**DEFAULT_FIELDS, **settings.CASEWORK.get("DECLARATION_FIELDS", {})}


@dataclass
class FamilyMember:
    pin: str
    surname: str = ""
    name: str = ""
    birth_date: date | None = None
    relation: str = ""
    status: str = ""


@dataclass
class DeclaredIncome:
    pin: str
    kind: str
    total_12_months: Decimal


@dataclass
class DeclaredVehicle:
    plate: str
    given_by_state: bool = False


@dataclass
class Declaration:
    applicant: FamilyMember
    members: list[FamilyMember] = field(default_factory=list)
    incomes: list[DeclaredIncome] = field(default_factory=list)
    dwellings_count: int = 0
    land_hectares: Decimal = Decimal("0")
    vehicles: list[DeclaredVehicle] = field(default_factory=list)
    utilities_monthly: Decimal = Decimal("0")
    communications_monthly: Decimal = Decimal("0")
    registered_address: str = ""
    feedback_channel: str = "status_page"
    feedback_email: str = ""
    feedback_mobile: str = ""
    # The application's own reference, so the registries' record of it isn't taken for another.
    reference: str = ""

    @property
    def everyone(self) -> list[FamilyMember]:
        return [self.applicant, *self.members]

    @property
    def pins(self) -> list[str]:
        return [m.pin for m in self.everyone if m.pin]

    @property
    def size(self) -> int:
        return len(self.everyone)


def _date(value):
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _money(value) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal("0")
    except InvalidOperation:
        return Decimal("0")


def read_declaration(answers: dict) -> Declaration:
    f = _fields()
    applicant = FamilyMember(
        pin=answers.get(f["applicant_pin"], ""),
        surname=answers.get(f["applicant_surname"], ""),
        name=answers.get(f["applicant_name"], ""),
        birth_date=_date(answers.get(f["applicant_birth_date"])),
        relation="applicant",
        status=answers.get(f["applicant_status"], ""),
    )
    members = [
        FamilyMember(
            pin=item.get(f["member_pin"], ""),
            surname=item.get(f["member_surname"], ""),
            name=item.get(f["member_name"], ""),
            birth_date=_date(item.get(f["member_birth_date"])),
            relation=item.get(f["member_relation"], ""),
            status=item.get(f["member_status"], ""),
        )
        for item in answers.get(f["members"]) or []
    ]
    incomes = [
        DeclaredIncome(
            pin=item.get(f["income_pin"], ""),
            kind=item.get(f["income_type"], ""),
            total_12_months=_money(item.get(f["income_amount"])),
        )
        for item in answers.get(f["incomes"]) or []
    ]
    vehicles = [
        DeclaredVehicle(
            plate=item.get(f["vehicle_plate"], ""),
            given_by_state=bool(item.get(f["vehicle_given_by_state"])),
        )
        for item in answers.get(f["vehicles"]) or []
    ]
    utilities = f["utilities_monthly"]
    utility_names = utilities if isinstance(utilities, list) else [utilities]
    return Declaration(
        applicant=applicant,
        members=members,
        incomes=incomes,
        dwellings_count=int(answers.get(f["dwellings_count"]) or 0),
        land_hectares=_money(answers.get(f["land_hectares"])),
        vehicles=vehicles,
        utilities_monthly=sum((_money(answers.get(n)) for n in utility_names), Decimal("0")),
        communications_monthly=_money(answers.get(f["communications_monthly"])),
        registered_address=answers.get(f["registered_address"], ""),
        feedback_channel=answers.get(f["feedback_channel"]) or "status_page",
        feedback_email=answers.get(f["feedback_email"], ""),
        feedback_mobile=answers.get(f["feedback_mobile"], ""),
    )
