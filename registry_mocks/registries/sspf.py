from decimal import Decimal

from ..people import overlaps_month
from .base import Registry, StatusEnvelope, iso, month_key, number, window

CONTRIBUTION_RATE = Decimal("0.25")  # 22% paid by the employer, 3% by the employee


class SocialProtectionFund(Registry):
    code = "sspf"
    name = {
        "az": "Dövlət Sosial Müdafiə Fondu",
        "ru": "Государственный фонд социальной защиты",
        "en": "State Social Protection Fund",
    }
    description = {
        "az": "Pensiyalar, sosial müavinətlər və məcburi dövlət sosial sığorta haqları (SSN üzrə).",
        "en": "Pensions, social benefits and compulsory social insurance contributions (by SSN).",
    }
    errors = StatusEnvelope()

    def record(self, person, household, as_of):
        months, period = window(as_of)
        payments, contributions = [], []
        for year, month in months:
            for pension in person.pensions:
                if overlaps_month(pension.assigned_on, pension.ended_on, year, month):
                    payments.append(
                        {
                            "month": month_key(year, month),
                            "kind": "PENSION",
                            "amount": number(pension.monthly_amount),
                        }
                    )
            for benefit in person.benefits:
                if overlaps_month(benefit.started_on, benefit.ended_on, year, month):
                    payments.append(
                        {
                            "month": month_key(year, month),
                            "kind": benefit.kind,
                            "amount": number(benefit.monthly_amount),
                        }
                    )
            for contract in person.contracts:
                if contract.active_in(year, month):
                    contributions.append(
                        {
                            "month": month_key(year, month),
                            "insurer_voen": contract.employer_voen,
                            "insurer_name": contract.employer,
                            "base": number(contract.monthly_salary),
                            "amount": number(
                                (contract.monthly_salary * CONTRIBUTION_RATE).quantize(
                                    Decimal("0.01")
                                )
                            ),
                        }
                    )
        return {
            "status": "OK",
            "data": {
                "pin": person.pin,
                "ssn": person.ssn,
                "full_name": person.full_name,
                "pensions": [
                    {
                        "type": p.kind,
                        "monthly_amount": number(p.monthly_amount),
                        "assigned_on": iso(p.assigned_on),
                        "ended_on": iso(p.ended_on),
                        "status": "PAID"
                        if p.ended_on is None or p.ended_on >= as_of
                        else "STOPPED",
                    }
                    for p in person.pensions
                ],
                "benefits": [
                    {
                        "type": b.kind,
                        "monthly_amount": number(b.monthly_amount),
                        "from": iso(b.started_on),
                        "to": iso(b.ended_on),
                    }
                    for b in person.benefits
                ],
                "period": period,
                "payments": payments,
                "contributions": contributions,
                "currency": "AZN",
            },
        }


registry = SocialProtectionFund()
