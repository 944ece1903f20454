from .base import CodeMessage, Registry, iso


class AddressRegistry(Registry):
    code = "address"
    name = {
        "az": "Yaşayış yeri üzrə qeydiyyat",
        "ru": "Регистрация по месту жительства",
        "en": "Address registration",
    }
    description = {
        "az": (
            "Daxili İşlər Nazirliyi: şəxsin daimi qeydiyyatda olduğu ünvan və qeydiyyat tarixləri."
        ),
        "en": (
            "Ministry of Internal Affairs: where a person is permanently registered, and since "
            "when."
        ),
    }
    errors = CodeMessage(codes={"not_found": "FIN_NOT_FOUND", "bad_request": "INVALID_FIN"})
    needs_civil_record = True

    def record(self, person, household, as_of):
        where = household.address_of(person)
        moved_in = min((a.opened_on for a in household.utilities), default=person.birth_date)
        return {
            "fin": person.pin,
            "fullName": person.full_name,
            "registrations": [
                {
                    "type": "PERMANENT",
                    "addressId": where.address_id,
                    "address": {
                        "region": where.region,
                        "district": where.district,
                        "settlement": where.settlement or None,
                        "street": where.street,
                        "building": where.building,
                        "apartment": where.apartment or None,
                        "postalCode": where.postal_code,
                        "fullText": where.line(),
                    },
                    "validFrom": iso(max(person.birth_date, moved_in)),
                    # The registration ends with the person's death.
                    "validTo": iso(person.death_date),
                    "endReason": "DEATH" if person.death_date else None,
                }
            ],
        }


registry = AddressRegistry()
