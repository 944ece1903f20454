"""The caseworker's forms: the facts they may settle (named inputs of the rules), with the reason
every action needs."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .rules.facts import Facts

# Person facts a caseworker may settle otherwise than the registries said.
PERSON_FACTS = [
    ("counted_in_family", _("counts as a member of the family")),
    ("employed", _("works")),
    ("registered_unemployed", _("registered unemployed")),
    ("full_time_student", _("studies full-time")),
    ("disabled", _("has a disability")),
    ("pensioner", _("receives a pension")),
    ("in_military_service", _("serves in the army")),
    ("imprisoned", _("imprisoned")),
    ("declared_carer", _("cares for a disabled person or a young child")),
]
# Family facts, as counts, or as amounts in AZN (the rules count qəpiks).
FAMILY_COUNTS = [
    ("registry_vehicles", _("vehicles owned or used (not the state's rehabilitation ones)")),
    ("registry_residential_dwellings", _("residential dwellings")),
    ("registry_dwellings_of_one_purpose", _("most dwellings of one purpose")),
]
FAMILY_AMOUNTS = [
    ("deals_12_months", _("purchases and sales in 12 months (AZN)")),
    ("registry_utility_costs", _("utility costs a month (AZN)")),
    ("registry_communication_costs", _("phone and internet a month (AZN)")),
]


class ResolutionForm(forms.Form):
    """The facts as the rules have them, each changeable; only what changes is an override."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you checked and why the facts are as you set them."),
    )

    def __init__(self, *args, facts: Facts, names: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.facts = facts
        self.people = []
        for person in facts.persons:
            pin, inputs = person["id"], person["inputs"]
            keys = []
            for name, label in PERSON_FACTS:
                key = f"person:{pin}:{name}"
                self.fields[key] = forms.BooleanField(
                    label=label,
                    required=False,
                    initial=inputs.get(name, name == "counted_in_family"),
                )
                keys.append(key)
            self.people.append((pin, names.get(pin, pin), [self[k] for k in keys]))
        self.family = []
        for name, label in FAMILY_COUNTS:
            key = f"family:{name}"
            self.fields[key] = forms.IntegerField(
                label=label, min_value=0, max_value=50, initial=facts.family.get(name, 0)
            )
            self.family.append(self[key])
        for name, label in FAMILY_AMOUNTS:
            key = f"family:{name}"
            self.fields[key] = forms.DecimalField(
                label=label,
                min_value=0,
                max_value=100_000_000,
                decimal_places=2,
                initial=Decimal(facts.family.get(name) or 0) / 100,
            )
            self.family.append(self[key])

    def overrides(self) -> dict:
        """The facts the caseworker changed, as the rules name them."""
        changed = {}
        for key in self.changed_data:
            if key == "reason":
                continue
            value = self.cleaned_data[key]
            if key.split(":")[-1] in dict(FAMILY_AMOUNTS):
                value = int(value * 100)
            changed[key] = value
        return changed


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DocumentRequestForm(forms.Form):
    what = forms.CharField(
        label=_("Which document, and why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant reads this over the channel they chose."),
    )


class ReassignForm(ReasonForm):
    caseworker = forms.ModelChoiceField(label=_("To"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        permission = Q(groups__permissions__codename="work_on_cases") | Q(
            user_permissions__codename="work_on_cases"
        )
        self.fields["caseworker"].queryset = (
            get_user_model()
            .objects.filter(permission, is_active=True)
            .distinct()
            .order_by("username")
        )
