from .base import Problem, Registry, iso, number

INSTITUTION_TYPES = {
    "SCHOOL": "SCHOOL",
    "VOCATIONAL": "COLLEGE",
    "BACHELOR": "UNIVERSITY",
    "MASTER": "UNIVERSITY",
}


class EducationRegistry(Registry):
    code = "education"
    name = {
        "az": "Təhsil Nazirliyi: şagird və tələbə reyestri",
        "ru": "Министерство образования: реестр учащихся",
        "en": "Ministry of Education: pupils and students",
    }
    description = {
        "az": "Təhsil müəssisəsi, səviyyə, təhsil forması (əyani/qiyabi), kurs, təqaüd.",
        "en": "Institution, level, form of study (full-time or not), year of study, stipend.",
    }
    errors = Problem(base_uri="https://edu.example.az/errors", language="az")

    def record(self, person, household, as_of):
        return {
            "fin": person.pin,
            "studentRecords": [
                {
                    "institution": {"name": s.institution, "type": INSTITUTION_TYPES[s.level]},
                    "level": s.level,
                    "programme": s.programme,
                    "formOfStudy": "FULL_TIME" if s.full_time else "PART_TIME",
                    "course": s.year_of_study,
                    "enrolledOn": iso(s.enrolled_on),
                    "expectedGraduation": iso(s.expected_end),
                    "status": "STUDYING" if s.expected_end >= as_of else "GRADUATED",
                    "monthlyStipend": number(s.monthly_stipend),
                }
                for s in person.studies
            ],
        }


registry = EducationRegistry()
