from .base import Problem, Registry, amount, iso


class BankAccountsRegistry(Registry):
    code = "banks"
    name = {
        "az": "Bank hesablarının reyestri",
        "ru": "Реестр банковских счетов",
        "en": "Bank accounts registry",
    }
    description = {
        "az": (
            "Mərkəzi Bank: şəxsin bütün banklardakı hesabları (kart, cari, əmanət), açılış tarixi "
            "və qalıq."
        ),
        "en": (
            "Central Bank: a person's accounts in every bank (card, current, deposit), when "
            "opened, balance."
        ),
    }
    errors = Problem(base_uri="https://cbar.example.az/problems")

    def record(self, person, household, as_of):
        return {
            "pin": person.pin,
            "accounts": [
                {
                    "bank_name": a.bank,
                    "bank_code": a.bank_code,
                    "iban": a.iban,
                    "currency": a.currency,
                    "account_type": a.kind,
                    "opened_on": iso(a.opened_on),
                    "closed_on": iso(a.closed_on),
                    "status": "CLOSED" if a.closed_on and a.closed_on < as_of else "OPEN",
                    "balance": amount(a.balance if a.closed_on is None else 0),
                }
                for a in person.bank_accounts
            ],
        }


registry = BankAccountsRegistry()
