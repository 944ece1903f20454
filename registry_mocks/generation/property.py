"""What a household owns: the home (owned by about 78% of households), sometimes a second flat
or a shop, cars (about 22%; some on a power of attorney, rehabilitation cars for some disabled
people), land shares in the regions, and the notarised deeds of recent purchases and sales,
whose amounts match the property."""

import random
from datetime import date, timedelta
from decimal import Decimal

from .. import data
from ..building import REFERENCE_DATE, address, address_id, deed, plate, stranger_name, vin
from ..people import Address, Dwelling, Household, LandShare, Person, Vehicle


def owner_of(household: Household) -> Person:
    """In whose name the household's property is: usually the eldest man."""
    adults = [p for p in household.members if p.age(REFERENCE_DATE) >= 18]
    men = [p for p in adults if p.sex == "M"]
    return max(men or adults, key=lambda p: p.age(REFERENCE_DATE))


def add_home(rng: random.Random, place: data.Place, household: Household) -> None:
    """The home and, rarely, a second flat, a shop, or a plot of land sold."""
    if rng.random() >= 0.78:
        return  # rented or lived in without papers
    owner = owner_of(household)
    house = household.address.apartment == ""
    _dwelling(rng, owner, household.address, "HOUSE" if house else "APARTMENT", "RESIDENTIAL")
    if rng.random() < 0.03:
        other = address(rng, address_id(household.index, 1), rng.choice(data.PLACES))
        _dwelling(rng, owner, other, "APARTMENT", "RESIDENTIAL", acquired_by="INHERITANCE")
    if rng.random() < 0.015:
        shop = address(rng, address_id(household.index, 2), place)
        _dwelling(rng, owner, shop, "NON_RESIDENTIAL", "COMMERCIAL")
    if rng.random() < 0.02:
        sold_on = REFERENCE_DATE - timedelta(days=rng.randint(15, 720))
        owner.deeds.append(
            deed(
                rng,
                signed_on=sold_on,
                kind="SALE",
                role="SELLER",
                subject="LAND",
                description=f"{place.municipality} bələdiyyəsi, torpaq sahəsi",
                amount=rng.randint(3000, 40000),
                counterparty=stranger_name(rng),
            )
        )


def _dwelling(rng, owner: Person, where: Address, kind, purpose, *, acquired_by=None) -> None:
    """A dwelling in the real estate registry; bought in the last 3 years, also its deed."""
    acquired_by = (
        acquired_by
        or rng.choices(
            ["PURCHASE", "PRIVATISATION", "INHERITANCE", "GIFT"], weights=[40, 35, 20, 5]
        )[0]
    )
    if acquired_by == "PRIVATISATION":
        acquired = date(rng.randint(1996, 2006), rng.randint(1, 12), rng.randint(1, 28))
    else:
        acquired = REFERENCE_DATE - timedelta(days=rng.randint(60, 25 * 365))
    if kind == "HOUSE":
        area = Decimal(rng.randint(80, 220))
    elif purpose == "COMMERCIAL":
        area = Decimal(rng.randint(20, 60))
    else:
        area = Decimal(rng.randint(38, 115))
    owner.dwellings.append(
        Dwelling(
            registry_number=f"{rng.randint(100, 999)}-{rng.randint(100000, 999999)}",
            cadastral_code=f"{rng.randint(1, 99):02d}{rng.randint(0, 999_999_999):09d}",
            kind=kind,
            purpose=purpose,
            address=where,
            total_area=area,
            living_area=(area * Decimal("0.68")).quantize(Decimal("0.1"))
            if purpose == "RESIDENTIAL"
            else Decimal(0),
            share="1/1",
            acquired_on=acquired,
            acquired_by=acquired_by,
        )
    )
    if acquired_by == "PURCHASE" and (REFERENCE_DATE - acquired).days < 3 * 365:
        price = area * (
            rng.randint(900, 1800) if where.region == data.BAKU else rng.randint(300, 700)
        )
        owner.deeds.append(
            deed(
                rng,
                signed_on=acquired,
                kind="PURCHASE",
                role="BUYER",
                subject=kind,
                description=where.line(),
                amount=price,
                counterparty=stranger_name(rng),
            )
        )


def add_vehicles(rng: random.Random, place: data.Place, household: Household) -> None:
    """A car, usually a man's, owned or on a power of attorney; the state's rehabilitation cars."""
    adults = [p for p in household.members if 18 <= p.age(REFERENCE_DATE) < 80]
    if adults and rng.random() < 0.22:
        men = [p for p in adults if p.sex == "M"]
        driver = rng.choice(men or adults)
        make, model, engine, (low, high) = rng.choice(data.VEHICLE_MODELS)
        year = rng.randint(1995, 2024)
        registered = max(
            date(year, 6, 1), REFERENCE_DATE - timedelta(days=rng.randint(30, 12 * 365))
        )
        by_proxy = rng.random() < 0.06
        driver.vehicles.append(
            Vehicle(
                plate(rng, place),
                vin(rng),
                make,
                model,
                year,
                rng.choice(data.VEHICLE_COLOURS),
                engine,
                registered,
                "POWER_OF_ATTORNEY" if by_proxy else "OWNER",
            )
        )
        if by_proxy or (REFERENCE_DATE - registered).days < 3 * 365:
            driver.deeds.append(
                deed(
                    rng,
                    signed_on=registered,
                    kind="POWER_OF_ATTORNEY" if by_proxy else "PURCHASE",
                    role="ATTORNEY" if by_proxy else "BUYER",
                    subject="VEHICLE",
                    description=f"{make} {model}, {year}",
                    amount=0 if by_proxy else rng.randint(low, high),
                    counterparty=stranger_name(rng),
                )
            )
    for person in household.members:
        if person.disability and person.disability.group in (1, 2) and rng.random() < 0.15:
            _rehabilitation_vehicle(rng, place, person)


def _rehabilitation_vehicle(rng, place, person) -> None:
    granted = max(
        person.disability.examined_on, REFERENCE_DATE - timedelta(days=rng.randint(30, 2000))
    )
    person.vehicles.append(
        Vehicle(
            plate(rng, place),
            vin(rng),
            "Lada",
            "Granta",
            max(2015, granted.year - 1),
            "ağ",
            1600,
            granted,
            "OWNER",
            state_programme="REHABILITATION",
        )
    )


def add_land(rng: random.Random, place: data.Place, household: Household) -> None:
    """A land share from the land reform: most rural households, few in towns."""
    chance = 0.6 if place.rural else (0.08 if household.address.settlement else 0.03)
    if rng.random() < chance:
        owner = owner_of(household)
        owner.land_shares.append(
            LandShare(
                certificate_number=f"TP-{rng.randint(100000, 999999)}",
                municipality=f"{place.municipality} bələdiyyəsi",
                district=place.district,
                hectares=Decimal(rng.randint(10, 250)) / 100,
                category="AGRICULTURAL",
                registered_on=date(rng.randint(1997, 2001), rng.randint(1, 12), rng.randint(1, 28)),
            )
        )
