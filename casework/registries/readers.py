"""One reader per registry: what its answer about one person says, as a `Finding`.

Each registry writes its own JSON (snake_case or PascalCase, amounts as strings or numbers,
envelopes, codes of its own). Readers never touch the household themselves, so an answer that
turns out to be unexpected halfway through leaves nothing behind: that registry simply counts as
unreachable for that person (normalise.py joins the findings into the Household snapshot).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ..models import LookupOutcome
from .client import CallResult
from .household import Deal, Dwelling, Income, Vehicle
from .window import UnexpectedAnswer, Window

logger = logging.getLogger(__name__)

# Values, as the registries write them


def amount(value) -> Decimal:
    """An amount in AZN, whether the registry writes "450.00" or 450.0."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise UnexpectedAnswer(f"not an amount: {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise UnexpectedAnswer(f"not an amount: {value!r}") from error


def day(value) -> date | None:
    """An ISO date, or None where the registry writes null."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise UnexpectedAnswer(f"not a date: {value!r}") from error


def _require_azn(currency: str):
    """The snapshot counts in AZN; an amount in another currency is not what was agreed."""
    if currency != "AZN":
        raise UnexpectedAnswer(f"amounts in {currency!r}")


def _money(value: dict) -> Decimal:
    """{"amount" or "value": …, "currency": "AZN"}"""
    _require_azn(value["currency"])
    return amount(value["amount"] if "amount" in value else value["value"])


def _payer(name: str, voen: str | None) -> str:
    return f"{name}, VÖEN {voen}" if voen else name


# What one record says


@dataclass
class Finding:
    """What one registry's record says about one person, before it joins the household."""

    member: dict[str, Any] = field(default_factory=dict)  # Member fields to set
    # (kind, payer's identifier) → income; the same pay may come from several registries
    incomes: dict[tuple[str, str], Income] = field(default_factory=dict)
    vehicles: list[Vehicle] = field(default_factory=list)
    dwellings: list[Dwelling] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    land_hectares: Decimal = Decimal("0")
    utility_accounts: dict[str, Decimal] = field(default_factory=dict)  # account → window total
    phone_lines: dict[str, Decimal] = field(default_factory=dict)  # number → window total
    open_assistance_applications: list[str] = field(default_factory=list)
    refused_for_false_information_on: date | None = None

    def add_income(
        self, registry: str, kind: str, payer_id: str, payer: str, month: str, paid: Decimal
    ):
        """Add what the person was paid in one month ("YYYY-MM") of this kind by this payer."""
        if not paid:
            return
        income = self.incomes.setdefault((kind, payer_id), Income(registry, kind, payer))
        income.months[month] = income.months.get(month, Decimal("0")) + paid


def _civil(record, pin, window) -> Finding:
    deceased = record["status"] == "DECEASED"
    return Finding(
        member={
            "known_to_civil_registry": True,
            "surname": record["surname"],
            "name": record["name"],
            "patronymic": record["patronymic"],
            "birth_date": day(record["birth"]["date"]),
            "sex": record["sex"],
            "death_date": day(record["death"]["date"]) if deceased else None,
        }
    )


def _address(record, pin, window) -> Finding:
    permanent = [r for r in record["registrations"] if r["type"] == "PERMANENT"]
    if not permanent:
        return Finding()
    # The open registration, else (after a death) the last one.
    current = max(permanent, key=lambda r: (r["validTo"] is None, r["validFrom"]))
    return Finding(
        member={
            "registered_address": current["address"]["fullText"],
            "registered_address_id": current["addressId"],
            "registered_district": current["address"].get("district") or "",
        }
    )


def _idcard(record, pin, window) -> Finding:
    cards = [d for d in record["Documents"] if d["DocumentType"] == "ID_CARD"]
    return Finding(member={"id_card_valid": any(d["Status"] == "VALID" for d in cards)})


TAX_INCOME_KINDS = {"SALARY": "salary", "ENTREPRENEURIAL": "entrepreneurship"}


def _tax(record, pin, window) -> Finding:
    _require_azn(record["currency"])
    finding = Finding()
    for entry in record["incomes"]:
        if not window.has(entry["period"]):
            continue
        finding.add_income(
            "tax",
            TAX_INCOME_KINDS.get(entry["incomeType"], "other"),
            entry["payerVoen"],
            _payer(entry["payerName"], entry["payerVoen"]),
            entry["period"],
            amount(entry["gross"]),
        )
    business = record["entrepreneur"]
    finding.member["entrepreneur"] = bool(business) and business["status"] == "ACTIVE"
    return finding


def _sspf(record, pin, window) -> Finding:
    _require_azn(record["currency"])
    finding = Finding()
    for payment in record["payments"]:
        if not window.has(payment["month"]):
            continue
        finding.add_income(
            "sspf",
            "pension" if payment["kind"] == "PENSION" else "benefit",
            payment["kind"],
            f"DSMF: {payment['kind']}",
            payment["month"],
            amount(payment["amount"]),
        )
    finding.member["pensioner"] = any(p["status"] == "PAID" for p in record["pensions"])
    return finding


def _labour(record, pin, window) -> Finding:
    finding = Finding()
    employed = False
    for contract in record["contracts"]:
        salary = contract["salary"]
        if salary["period"] != "MONTH":
            raise UnexpectedAnswer(f"salary per {salary['period']}")
        started, ended = day(contract["startDate"]), day(contract["endDate"])
        employer = contract["employer"]
        for month in window.months_within(started, ended):
            finding.add_income(
                "labour",
                "salary",
                employer["voen"],
                _payer(employer["name"], employer["voen"]),
                month,
                _money(salary),
            )
        employed |= started <= window.as_of and (ended is None or ended >= window.as_of)
    finding.member["employed"] = employed
    return finding


def _employment(record, pin, window) -> Finding:
    finding = Finding(
        member={
            "registered_unemployed": record["registration"]["status"] == "REGISTERED",
            "refused_suitable_offers": int(record["refused_suitable_offers"]),
        }
    )
    insurance = record["unemployment_insurance"]
    if insurance:
        finding.member["unemployment_insurance"] = insurance["status"] == "RECEIVING"
        for month in window.months_within(day(insurance["from"]), day(insurance["to"])):
            finding.add_income(
                "employment",
                "unemployment_insurance",
                "DMA",
                "DMA",
                month,
                amount(insurance["monthly_amount"]),
            )
    return finding


DISABILITY_GROUPS = {"GROUP_1": "I", "GROUP_2": "II", "GROUP_3": "III", "UNDER_18": "child"}


def _disability(record, pin, window) -> Finding:
    valid = [
        DISABILITY_GROUPS[e["category"]]
        for e in record["examinations"]
        if e["status"] == "VALID"
        and (e["valid_until"] is None or day(e["valid_until"]) >= window.as_of)
    ]
    # Several valid decisions: the most severe group counts.
    ordered = list(DISABILITY_GROUPS.values())
    return Finding(member={"disability_group": min(valid, key=ordered.index) if valid else ""})


def _education(record, pin, window) -> Finding:
    finding = Finding()
    studying = [r for r in record["studentRecords"] if r["status"] == "STUDYING"]
    finding.member["full_time_student"] = any(r["formOfStudy"] == "FULL_TIME" for r in studying)
    for study in record["studentRecords"]:
        if study["monthlyStipend"] is None:
            continue
        institution = study["institution"]["name"]
        stipend = amount(study["monthlyStipend"])
        studied = day(study["enrolledOn"]), day(study["expectedGraduation"])
        for month in window.months_within(*studied):
            finding.add_income("education", "other", institution, institution, month, stipend)
    return finding


def _military(record, pin, window) -> Finding:
    return Finding(member={"in_military_service": record["military_status"] == "IN_SERVICE"})


def _idp(record, pin, window) -> Finding:
    return Finding(member={"former_idp": record["idpStatus"] in ("IDP", "FORMER_IDP")})


def _penitentiary(record, pin, window) -> Finding:
    return Finding(member={"imprisoned": bool(record["in_custody"])})


def _realestate(record, pin, window) -> Finding:
    return Finding(
        dwellings=[
            Dwelling(
                owner_pin=pin,
                address=p["address"]["text"],
                purpose=p["purpose"].lower(),
                area_m2=amount(p["area"]["total"]),
            )
            for p in record["properties"]
        ]
    )


def _land(record, pin, window) -> Finding:
    return Finding(
        land_hectares=sum((amount(s["area_ha"]) for s in record["land_shares"]), Decimal("0"))
    )


def _vehicles(record, pin, window) -> Finding:
    return Finding(
        vehicles=[
            Vehicle(
                owner_pin=pin,
                plate=v["PlateNumber"],
                make=f"{v['Make']} {v['Model']}",
                year=v["ManufactureYear"],
                given_by_state_for_rehabilitation=v["StateProgramme"] == "REHABILITATION",
            )
            for v in record["Vehicles"]
        ]
    )


def _utilities(record, pin, window) -> Finding:
    _require_azn(record["currency"])
    return Finding(
        utility_accounts={
            account["subscriberCode"]: sum(
                (amount(m["charged"]) for m in account["months"] if window.has(m["month"])),
                Decimal("0"),
            )
            for account in record["accounts"]
        }
    )


def _communications(record, pin, window) -> Finding:
    _require_azn(record["currency"])
    return Finding(
        phone_lines={
            line["number"]: sum(
                (amount(b["amount"]) for b in line["bills"] if window.has(b["period"])),
                Decimal("0"),
            )
            for line in record["subscriptions"]
        }
    )


DEAL_KINDS = {"PURCHASE": "purchase", "SALE": "sale"}


def _notary(record, pin, window) -> Finding:
    deals = []
    for deed in record["deeds"]:
        signed = day(deed["date"])
        if deed["actType"] in DEAL_KINDS and window.holds(signed):
            deals.append(
                Deal(
                    pin=pin,
                    kind=DEAL_KINDS[deed["actType"]],
                    amount=_money(deed["amount"]),
                    day=signed,
                    subject=deed["subject"],
                )
            )
    return Finding(deals=deals)


def _assistance(record, pin, window) -> Finding:
    refusals = [
        day(a["decidedOn"])
        for a in record["applications"]
        if a["status"] == "REFUSED" and a["refusalReason"] == "FALSE_INFORMATION"
    ]
    return Finding(
        open_assistance_applications=(
            [a["applicationNumber"] for a in record["applications"] if a["status"] == "OPEN"]
            # A registry that says "open" without listing it still means another application.
            or (["unnumbered"] if record["hasOpenApplication"] else [])
        ),
        # How long that bars a new application is the rules' business.
        refused_for_false_information_on=max(refusals, default=None),
    )


def _stored_only(listing: str) -> Callable[[dict, str, Window], Finding]:
    """A registry whose answer only the caseworker reads (in its stored look-up): nothing joins the
    snapshot, but an answer without the list its contract promises counts as unreadable."""

    def read(record, pin, window) -> Finding:
        if not isinstance(record[listing], list):
            raise UnexpectedAnswer(f"{listing} is not a list")
        return Finding()

    return read


# Envelopes


def _bare(body) -> dict:
    if not isinstance(body, dict):
        raise UnexpectedAnswer("the answer is not an object")
    return body


def _status_envelope(body) -> dict:
    """{"status": "OK", "data": {…}}"""
    if _bare(body).get("status") != "OK":
        raise UnexpectedAnswer(f"status {body.get('status')!r}")
    return _bare(body["data"])


def _result_envelope(body) -> dict:
    """{"success": true, "result": {…}, "errors": []}"""
    if _bare(body).get("success") is not True:
        raise UnexpectedAnswer(f"errors {body.get('errors')!r}")
    return _bare(body["result"])


@dataclass(frozen=True)
class Reader:
    """How to read one registry: unwrap its envelope, check the record is about the person asked
    about, then read what the snapshot needs."""

    read: Callable[[dict, str, Window], Finding]
    pin_at: tuple[str, ...]  # where the record names its person
    unwrap: Callable[[Any], dict] = _bare

    def __call__(self, body, pin: str, window: Window) -> Finding:
        record = self.unwrap(body)
        named = record
        for key in self.pin_at:
            named = named[key]
        if named != pin:
            raise UnexpectedAnswer(f"the record is about {named!r}")
        return self.read(record, pin, window)


READERS: dict[str, Reader] = {
    "civil": Reader(_civil, ("pin",)),
    "address": Reader(_address, ("fin",)),
    "idcard": Reader(_idcard, ("Pin",)),
    "tax": Reader(_tax, ("fin",)),
    "sspf": Reader(_sspf, ("pin",), _status_envelope),
    "labour": Reader(_labour, ("personFin",)),
    "employment": Reader(_employment, ("pin",), _result_envelope),
    "disability": Reader(_disability, ("pin",)),
    "education": Reader(_education, ("fin",)),
    "military": Reader(_military, ("pin",)),
    "idp": Reader(_idp, ("pin",), _status_envelope),
    "realestate": Reader(_realestate, ("owner", "fin")),
    "land": Reader(_land, ("pin",)),
    "vehicles": Reader(_vehicles, ("OwnerPin",)),
    "utilities": Reader(_utilities, ("fin",)),
    "communications": Reader(_communications, ("pin",), _status_envelope),
    "notary": Reader(_notary, ("pin",)),
    "banks": Reader(_stored_only("accounts"), ("pin",)),
    "penitentiary": Reader(_penitentiary, ("pin",)),
    "assistance": Reader(_assistance, ("pin",), _result_envelope),
    "border": Reader(_stored_only("Crossings"), ("Pin",)),
}

# A registry that does not know the person: only the civil registry's word means something.
NOT_FOUND_MEMBER = {"civil": {"known_to_civil_registry": False}}

# Errors that an answer of the wrong shape raises in a reader.
ANSWER_ERRORS = (LookupError, TypeError, ValueError, AttributeError, ArithmeticError)


def read_answer(part: CallResult, window: Window) -> Finding | None:
    """What one registry's answer about one person says, or None when it said nothing usable."""
    if part.outcome == LookupOutcome.NOT_FOUND:
        return Finding(member=dict(NOT_FOUND_MEMBER.get(part.registry, {})))
    if part.outcome != LookupOutcome.FOUND:
        return None
    reader = READERS.get(part.registry)
    if reader is None:
        logger.info("No reader for registry %s; its answer is only stored", part.registry)
        return Finding()
    try:
        return reader(part.body, part.pins[0], window)
    except ANSWER_ERRORS as error:
        logger.warning(
            "Registry %s gave an unexpected answer about %s: %r", part.registry, part.pins[0], error
        )
        return None
