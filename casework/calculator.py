"""“Check before you apply”: a citizen answers a few questions on the service page and sees what
the published rules in force today would likely give the family, with the same explanation a
decision has. It stores nothing and calls no registry: the answers stand in for the registries'
facts, so it is an estimate, and the page says so."""

from datetime import date

from django import forms
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from forms_app.plugins import register_service_tool

from . import selectors
from .rules.engine import ParametersMissing, assess
from .rules.explain import explain
from .rules.facts import Facts
from .services.rules import rules_of

A_MEMBER = {"az": "Ailə üzvü", "ru": "Член семьи", "en": "A family member"}
MONTHS_BEFORE = 12


class CalculatorForm(forms.Form):
    members = forms.IntegerField(
        label=_("How many people live in the family, you included?"), min_value=1, max_value=20
    )
    monthly_income = forms.DecimalField(
        label=_("The family's income a month, on average over the last 12 months (AZN)"),
        help_text=_("Salaries, pensions, benefits and any other income of everyone together."),
        min_value=0,
        max_value=1_000_000,
        decimal_places=2,
    )
    utility_costs = forms.DecimalField(
        label=_("Electricity, gas, water, phone and internet a month (AZN)"),
        min_value=0,
        max_value=100_000,
        decimal_places=2,
        initial=0,
    )
    deals = forms.DecimalField(
        label=_("Purchases and sales (property, cars) in the last 12 months (AZN)"),
        min_value=0,
        max_value=100_000_000,
        decimal_places=2,
        initial=0,
    )
    dwellings = forms.IntegerField(
        label=_("Dwellings the family owns"), min_value=0, max_value=20, initial=1
    )
    vehicle = forms.TypedChoiceField(
        label=_(
            "Does the family own or use a car (other than one the state gave for rehabilitation)?"
        ),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    idle_adult = forms.TypedChoiceField(
        label=_("Is anyone of working age able to work, but not working?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )

    def __init__(self, *args, values: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if values:
            # The question names the ages of the parameters in force, not figures of its own.
            (minimum,) = values["working_age.minimum"].values()
            (maximum,) = values["working_age.maximum"].values()
            (care,) = values["child_care_age"].values()
            (study,) = values["student_age_limit"].values()
            self.fields["idle_adult"].label = _(
                "Is anyone aged %(minimum)s to %(maximum)s able to work, but neither working, nor "
                "studying full-time (up to %(study)s), nor registered as unemployed, nor caring "
                "for a child under %(care)s or a disabled person?"
            ) % {"minimum": minimum, "maximum": maximum, "care": care, "study": study}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("idle_adult") and cleaned.get("members") == 1:
            self.add_error("idle_adult", _("In a family of one, that person is you: answer No."))
        return cleaned


def _years_ago(today: date, years: int) -> str:
    return today.replace(year=today.year - years, day=min(today.day, 28)).isoformat()


def calculator_facts(answers: dict, today: date) -> Facts:
    """The answers as the rules' facts: the applicant earns the family's income, an idle adult if
    there is one, and the others as children (their age changes nothing else here)."""
    index = today.year * 12 + today.month - 1
    window = [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - MONTHS_BEFORE, index)]
    income = int(answers["monthly_income"] * 100)
    persons = [
        {
            "id": "P0",
            "role": "applicant",
            "inputs": {
                "birth_date": _years_ago(today, 40),
                "employed": True,
                "declared_income_12_months": income * MONTHS_BEFORE,
            },
            "months": {"income_salary": dict.fromkeys(window, income)},
        }
    ]
    idle = 1 if answers["idle_adult"] else 0
    for number in range(1, answers["members"]):
        age = 30 if number <= idle else 10
        persons.append(
            {
                "id": f"P{number}",
                "role": "member",
                "inputs": {"birth_date": _years_ago(today, age)},
                "months": {},
            }
        )
    family = {
        "registry_vehicles": int(answers["vehicle"]),
        "declared_dwellings": answers["dwellings"],
        "registry_residential_dwellings": answers["dwellings"],
        "registry_dwellings_of_one_purpose": answers["dwellings"],
        "declared_utility_costs": int(answers["utility_costs"] * 100),
        "deals_12_months": int(answers["deals"] * 100),
    }
    names = {person["id"]: A_MEMBER for person in persons}
    return Facts(today, persons, family, {"names": names, "vehicles": [str(_("a car"))]})


@register_service_tool("calculator", _("Check before you apply: what might the family get?"))
def calculator(request, page):
    today = timezone.localdate()
    version = selectors.parameters_version_in_force(today)
    form = CalculatorForm(request.POST or None, values=version.values if version else None)
    context = {"page": page, "form": form}
    if request.method == "POST" and form.is_valid():
        language = translation.get_language()
        try:
            if version is None:
                raise ParametersMissing(str(today))
            facts = calculator_facts(form.cleaned_data, today)
            (assessment,) = assess([facts], rules_of(version.values), trace=True)
        except ParametersMissing:
            context["unavailable"] = True
        else:
            sentences = explain(assessment.trace, facts, assessment.grounds, member_incomes=False)
            context["estimate"] = {
                "granted": assessment.granted,
                "monthly_amount": assessment.monthly_benefit,
                "explanation": sentences.get(language[:2], sentences["az"]),
            }
    return TemplateResponse(request, "casework/calculator.html", context)
