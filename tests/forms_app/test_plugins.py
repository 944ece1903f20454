"""Field types, validators and prefill sources are registries other apps fill."""

import io
import re

import pypdf
import pytest
from django.core.validators import RegexValidator

from forms_app import plugins
from forms_app.models import DeclarationForm, Draft, Submission
from forms_app.schema.field_types import FieldType, NormalisingCharField
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


# A field type of another app -----------------------------------------------------------------


class VehiclePlate(FieldType):
    """What an app of the road police might add: 10-AB-123, stored as 10AB123."""

    name = "vehicle_plate"
    label = "Vehicle plate number"

    def formfield(self, definition, language, **kwargs):
        return NormalisingCharField(
            normalise=lambda value: re.sub(r"[\s-]", "", value).upper(),
            max_length=12,
            validators=[RegexValidator(r"^\d{2}[A-Z]{2}\d{3}$", "Not a plate number.")],
            **kwargs,
        )

    def display(self, definition, value, language):
        return f"{value[:2]}-{value[2:4]}-{value[4:]}"


def rebuild_form_editor():
    """The form editor's blocks are built once, after every app's ready(): a type registered
    later, as in this test, is offered once they are built again."""
    DeclarationForm._meta.get_field("schema").__dict__.pop("stream_block", None)


@pytest.fixture
def vehicle_plate():
    plugins.register_field_type(VehiclePlate())
    rebuild_form_editor()
    yield
    plugins.unregister_field_type("vehicle_plate")
    rebuild_form_editor()


def test_another_app_adds_a_field_type_used_from_editor_to_receipt(client, vehicle_plate):
    assert ("vehicle_plate", "Vehicle plate number") in plugins.field_type_choices()
    form = DeclarationForm.objects.get()
    plate = {"name": "plate", "label": {"az": "Nömrə nişanı", "en": "Plate"}, "required": True}
    step = {"name": "vehicle", "title": {"az": "Nəqliyyat", "en": "Vehicle"}}
    form.schema = [
        {"type": "step", "value": {**step, "fields": [{"type": "vehicle_plate", "value": plate}]}}
    ]
    form.save_revision().publish()
    [(path, field)] = form.versions.get(number=2).definition.all_fields()
    assert (path, field.type) == ("plate", "vehicle_plate")

    d.start(client)
    page = client.get(d.SERVICE_URL + "step/vehicle/").content.decode()
    assert 'name="plate"' in page and "Plate" in page
    refused = d.post_step(client, "vehicle", {"plate": "ABC 123"})
    assert refused.status_code == 200 and "Not a plate number." in refused.content.decode()
    assert d.post_step(client, "vehicle", {"plate": " 10 ab-123 "}).status_code == 302
    assert Draft.objects.get().answers == {"plate": "10AB123"}
    assert "10-AB-123" in client.get(d.SERVICE_URL + "check/").content.decode()

    submitted = d.submit(client)
    assert Submission.objects.get().answers == {"plate": "10AB123"}
    confirmation = client.get(submitted["Location"]).content.decode()
    receipt_url = re.search(r'href="([^"]+/receipt/[^"]+)"', confirmation).group(1)
    receipt = pypdf.PdfReader(io.BytesIO(client.get(receipt_url).content))
    assert "Plate\n10-AB-123" in receipt.pages[0].extract_text()


def test_an_unregistered_type_is_gone_from_the_editor(vehicle_plate):
    plugins.unregister_field_type("vehicle_plate")
    rebuild_form_editor()
    assert "vehicle_plate" not in dict(plugins.field_type_choices())
    step = DeclarationForm._meta.get_field("schema").stream_block.child_blocks["step"]
    assert "vehicle_plate" not in step.child_blocks["fields"].child_blocks
