from .base import Problem, Registry, amount, iso


class LabourContracts(Registry):
    code = "labour"
    name = {
        "az": "Əmək müqavilələri elektron sistemi (e-Labour)",
        "ru": "Электронная система трудовых договоров",
        "en": "Electronic labour contracts (e-Labour)",
    }
    description = {
        "az": (
            "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi: işəgötürənlərin bildirdiyi əmək "
            "müqavilələri, vəzifə və aylıq əmək haqqı."
        ),
        "en": (
            "Ministry of Labour: employment contracts notified by employers, with position and "
            "monthly salary."
        ),
    }
    errors = Problem(base_uri="https://e-labour.example.az/problems")

    def record(self, person, household, as_of):
        return {
            "personFin": person.pin,
            "employee": {"fullName": person.full_name, "birthDate": iso(person.birth_date)},
            "contracts": [
                {
                    "contractNumber": c.number,
                    "employer": {
                        "voen": c.employer_voen,
                        "name": c.employer,
                        "sector": "PUBLIC" if c.public_sector else "PRIVATE",
                    },
                    "position": c.position,
                    "workTime": "FULL_TIME" if c.full_time else "PART_TIME",
                    "startDate": iso(c.started_on),
                    "endDate": iso(c.ended_on),
                    "status": "TERMINATED" if c.ended_on and c.ended_on < as_of else "ACTIVE",
                    "salary": {
                        "amount": amount(c.monthly_salary),
                        "currency": "AZN",
                        "period": "MONTH",
                    },
                }
                for c in person.contracts
            ],
        }


registry = LabourContracts()
