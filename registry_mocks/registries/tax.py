from decimal import Decimal

from ..names import az_upper
from .base import CodeMessage, Registry, amount, iso, month_key, window

SIMPLIFIED_TAX_RATE = Decimal("0.02")  # of turnover, in Baku
INCOME_TAX_RATE = Decimal("0.14")
INCOME_TAX_ALLOWANCE = Decimal("200")


def _withheld(contract) -> Decimal:
    # Salaries in the non-oil private sector are exempt; the public sector pays 14% above 200 AZN.
    if not contract.public_sector:
        return Decimal("0.00")
    return max(
        Decimal(0), (contract.monthly_salary - INCOME_TAX_ALLOWANCE) * INCOME_TAX_RATE
    ).quantize(Decimal("0.01"))


class TaxRegistry(Registry):
    code = "tax"
    name = {
        "az": "Dövlət Vergi Xidməti",
        "ru": "Государственная налоговая служба",
        "en": "State Tax Service",
    }
    description = {
        "az": (
            "Vergi ödəyicisi kimi qeydiyyat (VÖEN, sadələşdirilmiş vergi), ödəmə mənbəyində "
            "tutulan gəlirlər."
        ),
        "en": (
            "Taxpayer registration (VÖEN, simplified tax regime) and incomes reported at source, "
            "by month."
        ),
    }
    errors = CodeMessage(
        codes={"not_found": "TAXPAYER_NOT_FOUND", "bad_request": "VALIDATION_ERROR"}
    )

    def record(self, person, household, as_of):
        months, period = window(as_of)
        incomes = []
        for year, month in months:
            for contract in person.contracts:
                if contract.active_in(year, month):
                    incomes.append(
                        {
                            "period": month_key(year, month),
                            "payerVoen": contract.employer_voen,
                            "payerName": contract.employer,
                            "incomeType": "SALARY",
                            "gross": amount(contract.monthly_salary),
                            "taxWithheld": amount(_withheld(contract)),
                        }
                    )
            business = person.business
            if business and "entrepreneurial" in person.incomes_in(year, month):
                incomes.append(
                    {
                        "period": month_key(year, month),
                        "payerVoen": business.voen,
                        "payerName": person.full_name,
                        "incomeType": "ENTREPRENEURIAL",
                        "gross": amount(business.monthly_income),
                        "turnover": amount(business.monthly_turnover),
                        "taxWithheld": amount(business.monthly_turnover * SIMPLIFIED_TAX_RATE),
                    }
                )
        business = person.business
        return {
            "fin": person.pin,
            "taxpayer": {
                "fullName": az_upper(person.full_name),
                "birthDate": iso(person.birth_date),
            },
            "entrepreneur": (
                {
                    "voen": business.voen,
                    "registeredOn": iso(business.registered_on),
                    "activity": business.activity,
                    "taxRegime": business.tax_regime,
                    "status": "ACTIVE" if business.closed_on is None else "LIQUIDATED",
                }
                if business
                else None
            ),
            "period": period,
            "currency": "AZN",
            "incomes": incomes,
        }


registry = TaxRegistry()
