"""Ground 5's facts: who is of working age and able to work, and whether they have a reason the
law accepts for not working (the registries say; a carer is who the family declares)."""

from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from ..entities import Family, Person


def _fact(name: str, label: str, source: str, value_type=bool):
    return type(
        name,
        (Variable,),
        {
            "value_type": value_type,
            "entity": Person,
            "definition_period": DateUnit.MONTH,
            "label": f"{label} ({source})",
            "__module__": __name__,
        },
    )


FACTS = [
    _fact("employed", "Works under a labour contract", "e-labour"),
    _fact("entrepreneur", "Registered entrepreneur", "tax service"),
    _fact("pensioner", "Receives a pension", "social protection fund"),
    _fact("registered_unemployed", "Registered as unemployed", "employment agency"),
    _fact("unemployment_insurance", "Receives unemployment insurance", "employment agency"),
    _fact("full_time_student", "Studies full-time", "education ministry"),
    _fact("in_military_service", "Serves in the army", "mobilisation service"),
    _fact("imprisoned", "Imprisoned", "penitentiary service"),
    _fact("disabled", "Has a disability", "medical-social expertise"),
    _fact("refused_job_offers", "Suitable job offers refused", "employment agency", int),
    _fact("declared_carer", "Cares for a disabled person or a young child", "declaration"),
]


class working_age(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Of working age"

    def formula(person, period, parameters):
        ages = parameters(period).working_age
        age = person("age", period)
        return (age >= ages.minimum) * (age <= ages.maximum)


class needs_care(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Disabled, or a child under the child-care age"

    def formula(person, period, parameters):
        young = person("age", period) < parameters(period).child_care_age
        return person("counted_in_family", period) * (person("disabled", period) + young)


class someone_needs_care(Variable):
    value_type = bool
    entity = Family
    definition_period = DateUnit.MONTH
    label = "Someone in the family is disabled or a child under the child-care age"

    def formula(family, period, parameters):
        return family.any(family.members("needs_care", period))


class valid_reason_for_not_working(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Works, or has a reason the law accepts for not working"
    reference = (
        "Law on targeted state social assistance (2005); "
        "Cabinet of Ministers decision No. 37 (2016)"
    )

    def formula(person, period, parameters):
        student = person("full_time_student", period) * (
            person("age", period) <= parameters(period).student_age_limit
        )
        carer = person("declared_carer", period) * person.family("someone_needs_care", period)
        return (
            person("employed", period)
            + person("entrepreneur", period)
            + student
            + person("registered_unemployed", period)
            + person("unemployment_insurance", period)
            + carer
            + person("disabled", period)
            + person("pensioner", period)
            + person("in_military_service", period)
            + person("imprisoned", period)
        ) > 0


class refused_suitable_jobs(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Refused suitable job offers as often as the law allows, or more"

    def formula(person, period, parameters):
        return person("refused_job_offers", period) >= parameters(period).refused_job_offers_limit


class able_bodied_without_reason(Variable):
    value_type = bool
    entity = Person
    definition_period = DateUnit.MONTH
    label = "Able-bodied, of working age, and not working without a valid reason"
    reference = "Law on targeted state social assistance (2005)"

    def formula(person, period, parameters):
        able_bodied = ~person("disabled", period)
        without_reason = ~person("valid_reason_for_not_working", period) + person(
            "refused_suitable_jobs", period
        )
        return (
            person("counted_in_family", period)
            * person("working_age", period)
            * able_bodied
            * without_reason
        )


VARIABLES = [
    *FACTS,
    working_age,
    needs_care,
    someone_needs_care,
    valid_reason_for_not_working,
    refused_suitable_jobs,
    able_bodied_without_reason,
]
