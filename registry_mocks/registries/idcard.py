from ..names import az_upper
from .base import Registry, SoapFault, iso


class IdCardRegistry(Registry):
    code = "idcard"
    name = {
        "az": "Şəxsiyyət vəsiqələri reyestri",
        "ru": "Реестр удостоверений личности",
        "en": "Identity card registry",
    }
    description = {
        "az": (
            "Daxili İşlər Nazirliyi: verilmiş şəxsiyyət vəsiqələri (AA, köhnə AZE seriyaları), "
            "müddətləri."
        ),
        "en": (
            "Ministry of Internal Affairs: identity cards issued (AA series, older AZE), their "
            "validity."
        ),
    }
    errors = SoapFault()
    needs_civil_record = True

    def record(self, person, household, as_of):
        card = person.id_card
        documents = []
        if card:
            series = card.number[:3] if card.number.startswith("AZE") else card.number[:2]
            if person.death_date:
                status = "INVALIDATED"
            elif card.expires_on and card.expires_on < as_of:
                status = "EXPIRED"
            else:
                status = "VALID"
            documents.append(
                {
                    "DocumentType": "ID_CARD",
                    "Series": series,
                    "Number": card.number[len(series) :],
                    "IssueDate": iso(card.issued_on),
                    "ExpiryDate": iso(card.expires_on),
                    "IssuedBy": card.authority,
                    "Status": status,
                }
            )
        return {
            "Pin": person.pin,
            "Person": {
                "LastName": az_upper(person.surname),
                "FirstName": az_upper(person.given_name),
                "FatherName": az_upper(person.father_name),
                "BirthDate": iso(person.birth_date),
                "Gender": "KİŞİ" if person.sex == "M" else "QADIN",
            },
            "Documents": documents,
        }


registry = IdCardRegistry()
