from decimal import Decimal

from ..tariffs import UNITS
from .base import CodeMessage, Registry, amount, month_key, window


class UtilitiesRegistry(Registry):
    code = "utilities"
    name = {
        "az": "Kommunal xidmətlər: Azərişıq, Azəriqaz, Azərsu",
        "ru": "Коммунальные услуги: Азеришыг, Азеригаз, Азерсу",
        "en": "Utilities: electricity, gas and water",
    }
    description = {
        "az": (
            "Abonentin elektrik, qaz və su hesabları: aylıq istehlak, hesablanmış və ödənilmiş "
            "məbləğ."
        ),
        "en": (
            "A subscriber's electricity, gas and water accounts: monthly consumption, amounts "
            "charged and paid."
        ),
    }
    errors = CodeMessage(codes={"not_found": "SUBSCRIBER_NOT_FOUND"})

    def record(self, person, household, as_of):
        months, period = window(as_of)
        accounts = []
        for account in household.utilities:
            if account.holder_pin != person.pin:
                continue
            bills = [bill for year, month in months if (bill := account.month(year, month))]
            accounts.append(
                {
                    "provider": account.provider,
                    "service": account.service,
                    "subscriberCode": account.subscriber_code,
                    "addressId": account.address.address_id,
                    "address": account.address.line(),
                    "unit": UNITS[account.service],
                    "months": [
                        {
                            "month": month_key(bill.year, bill.month),
                            "consumption": int(bill.quantity),
                            "charged": amount(bill.charged),
                            "paid": amount(bill.paid),
                        }
                        for bill in bills
                    ],
                    "totalCharged": amount(sum((bill.charged for bill in bills), Decimal(0))),
                }
            )
        return {"fin": person.pin, "period": period, "currency": "AZN", "accounts": accounts}


registry = UtilitiesRegistry()
