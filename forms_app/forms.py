from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import (
    normalise_mobile,
    normalise_pin,
    validate_adult_birth_date,
    validate_az_mobile,
    validate_pin,
)


class ApplicantDeclarationForm(forms.Form):
    """The walking skeleton's short declaration: who applies and how to reach them.

    The real, editor-defined declaration replaces it (issue: declaration forms).
    """

    pin = forms.CharField(
        label=_("FİN (personal identification number)"),
        help_text=_("7 characters, printed on your ID card."),
        max_length=16,
    )
    last_name = forms.CharField(label=_("Surname"), max_length=100)
    first_name = forms.CharField(label=_("Name"), max_length=100)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    mobile = forms.CharField(
        label=_("Mobile number"),
        help_text=_("For an SMS with the decision, e.g. +994 50 123 45 67."),
        max_length=32,
        required=False,
    )
    email = forms.EmailField(label=_("Email address"), required=False)

    def clean_pin(self):
        pin = normalise_pin(self.cleaned_data["pin"])
        validate_pin(pin)
        return pin

    def clean_mobile(self):
        mobile = normalise_mobile(self.cleaned_data["mobile"])
        if mobile:
            validate_az_mobile(mobile)
        return mobile

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        validate_adult_birth_date(birth_date, today=timezone.localdate())
        return birth_date

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("mobile") and not cleaned.get("email"):
            raise forms.ValidationError(
                _("Give a mobile number or an email address, so we can tell you the decision."),
                code="no_contact",
            )
        return cleaned
