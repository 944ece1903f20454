"""Validators and prefill sources are registries other apps fill."""

import pytest

from forms_app import plugins
from forms_app.models import Draft
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db


def test_the_seeded_form_uses_the_built_in_validators(client):
    d.start(client)
    too_young = d.post_step(client, "applicant", {**d.APPLICANT, "birth_date": "2015-01-01"})
    assert "at least 18 years old" in too_young.content.decode()
    digits = d.post_step(client, "applicant", {**d.APPLICANT, "last_name": "Əliyeva2"})
    assert "Use letters only" in digits.content.decode()
    hyphenated = d.post_step(client, "applicant", {**d.APPLICANT, "last_name": "Əli-Zadə"})
    assert hyphenated.status_code == 302


def test_the_fin_is_prefilled_from_the_e_government_sign_on(client, settings):
    settings.FORMS_APP = {**settings.FORMS_APP, "EGOV_PIN_HEADER": "HTTP_X_EGOV_PIN"}
    client.post(d.SERVICE_URL + "start/", HTTP_X_EGOV_PIN="5zjbkqg")
    assert Draft.objects.get().answers == {"pin": "5ZJBKQG"}
    html = client.get(d.SERVICE_URL + "step/applicant/").content.decode()
    assert 'value="5ZJBKQG"' in html


def test_without_the_portal_nothing_is_prefilled(client):
    client.post(d.SERVICE_URL + "start/", HTTP_X_EGOV_PIN="5ZJBKQG")
    assert Draft.objects.get().answers == {}


def test_another_app_registers_a_validator_that_editors_can_choose(monkeypatch):
    from django.core.exceptions import ValidationError

    from forms_app.schema.definition import FieldDefinition
    from forms_app.schema.fields import build_formfield

    def not_test_pin(value):
        if value == "0000000":
            raise ValidationError("Test FİN")

    monkeypatch.setitem(
        plugins._validators,
        "no_test_pin",
        plugins.FieldValidator("no_test_pin", "No test FİN", not_test_pin),
    )
    assert ("no_test_pin", "No test FİN") in plugins.validator_choices()
    field = build_formfield(
        FieldDefinition(
            type="pin",
            name="pin",
            label={"az": "FİN"},
            options={"validators": ["no_test_pin", "removed_app_validator"]},
        ),
        "az",
    )
    assert field.clean("5ZJBKQG") == "5ZJBKQG"
    with pytest.raises(ValidationError):
        field.clean("0000000")
