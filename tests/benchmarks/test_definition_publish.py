"""How long an editor waits for a big declaration form: validating, saving and publishing a
100-field definition (which freezes a DeclarationFormVersion), through the model and through the
Wagtail admin's editor; then what a citizen waits for: step 1 rendered, a full answer set
validated."""

import statistics

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail import blocks
from wagtail.test.utils.form_data import rich_text

from forms_app.models import DeclarationForm, DeclarationFormVersion, EServicePage
from forms_app.schema.blocks import DeclarationSchemaBlock
from forms_app.schema.definition import FormDefinition
from forms_app.schema.engine import validate_answers
from pages.models import ServiceIndexPage

from .definition_100 import answers, input_field_count, schema
from .figures import heading, line, timed

REPEATS = 5
# Open Forms: "the PUT call in the API to update this is very slow (10s of seconds to minutes)"
# for a form definition of 95 components (open-formulieren/open-forms#5084).
OPEN_FORMS_REPORTED = "tens-of-seconds-to-minutes (95 components, open-forms#5084)"
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul"]


def create_and_publish(title, raw, user) -> DeclarationForm:
    form = DeclarationForm(title=title, schema=raw, actions=["open_case"])
    form.save()
    form.save_revision(user=user).publish(user=user)
    return form


def edit_and_republish(form, raw, user):
    form.schema = raw
    form.save_revision(user=user).publish(user=user)


def block_form_data(block, raw, prefix, data):
    """The POST data the admin's StreamField editor sends for `raw` (the StreamField's JSON)."""
    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(raw or []))
        for index, child in enumerate(raw or []):
            item = f"{prefix}-{index}"
            data.update({f"{item}-deleted": "", f"{item}-order": str(index)})
            if isinstance(block, blocks.StreamBlock):
                data[f"{item}-type"] = child["type"]
                child_block, value = block.child_blocks[child["type"]], child["value"]
            else:
                child_block = block.child_block
                value = child["value"] if child.get("type") == "item" else child
            block_form_data(child_block, value, f"{item}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            # A setting the JSON leaves out is posted with its default, as the editor shows it.
            value = (
                raw[name] if name in raw else child_block.get_prep_value(child_block.get_default())
            )
            block_form_data(child_block, value, f"{prefix}-{name}", data)
    elif isinstance(block, blocks.BooleanBlock):
        if raw:
            data[prefix] = "on"
    elif isinstance(block, blocks.RichTextBlock):
        data[prefix] = rich_text(raw or "", features=RICH_TEXT_FEATURES)
    elif isinstance(block, blocks.MultipleChoiceBlock):  # one value per ticked box
        data[prefix] = [str(v) for v in raw or []]
    else:
        data[prefix] = "" if raw is None else str(raw)
    return data


def admin_post(client, url, title, raw):
    data = block_form_data(DeclarationSchemaBlock(), raw, "schema", {})
    data.update(
        {"title": title, "actions": ["open_case"], "copy_to_emails": "", "action-publish": "1"}
    )
    response = client.post(url, data)
    if response.status_code != 302:
        pytest.fail(f"the editor refused the definition: {editor_errors(response)}"[:3000])


def editor_errors(response):
    """The editor form's errors, blocks' nested errors included (they say which setting)."""
    form = response.context and response.context.get("form")
    if form is None:
        return response.status_code
    return {
        name: [e.as_json_data() if hasattr(e, "as_json_data") else e.messages for e in errors]
        for name, errors in form.errors.as_data().items()
    }


def median(values):
    return statistics.median(values)


@pytest.mark.benchmark
def test_a_100_field_definition_saves_publishes_renders_and_validates(live_demo_site):
    admin = get_user_model().objects.get(username="admin")
    raw, edited = schema(), schema(label_suffix=" (düzəliş)")
    definition = FormDefinition.from_stream(raw)
    assert input_field_count(definition) == 100
    types = {f.type for _path, f in definition.all_fields()}

    # What the admin's form does before saving: the StreamField's own validation.
    block = DeclarationSchemaBlock()
    clean = [timed(lambda: block.clean(block.to_python(raw)))[0] for _ in range(REPEATS)]

    create, edit = [], []
    for n in range(REPEATS):
        seconds, form = timed(create_and_publish, f"Benchmark form {n}", raw, admin)
        create.append(seconds)
        edit.append(timed(edit_and_republish, form, edited, admin)[0])
        assert sorted(form.versions.values_list("number", flat=True)) == [1, 2]

    # The same through the snippet editor, as an editor clicks "Publish".
    editor = Client()
    editor.force_login(admin)
    admin_create, admin_edit = [], []
    for n in range(REPEATS):
        title = f"Admin benchmark form {n}"
        url = reverse("wagtailsnippets_forms_app_declarationform:add")
        admin_create.append(timed(admin_post, editor, url, title, raw)[0])
        form = DeclarationForm.objects.get(title=title)
        url = reverse("wagtailsnippets_forms_app_declarationform:edit", args=[form.pk])
        admin_edit.append(timed(admin_post, editor, url, title, edited)[0])
        version = DeclarationFormVersion.objects.filter(form=form).latest()
        assert version.number == 2
        assert input_field_count(version.definition) == 100

    # A citizen starts the service and opens step 1 (20 fields).
    service = EServicePage(
        title="Benchmark service",
        slug="benchmark-service",
        reference_prefix="BENCH",
        declaration_form=form,
    )
    ServiceIndexPage.objects.get(locale__language_code="az").add_child(instance=service)
    service.save_revision().publish()
    citizen = Client()
    step_url = citizen.post(service.url + "start/")["Location"]
    last_field = f'name="{version.definition.steps[0].fields[-1].name}"'
    render = []
    for _ in range(4 * REPEATS):
        seconds, response = timed(citizen.get, step_url)
        assert response.status_code == 200 and last_field in response.content.decode()
        render.append(seconds)

    full_answers = answers(version.definition)
    validate = []
    for _ in range(4 * REPEATS):
        seconds, (cleaned, errors) = timed(
            validate_answers, version.definition, full_answers, channel="online", language="az"
        )
        assert errors == {} and cleaned
        validate.append(seconds)

    heading(
        f"A 100-field definition ({len(definition.steps)} steps, "
        f"{len(list(s for s in definition.steps if s.groups))} repeating groups, "
        f"{len(types)} field types), {connection.vendor}: median seconds of {REPEATS} or more"
    )
    line("definition clean", ours=median(clean))
    line("create+publish", ours=median(create), open_forms=OPEN_FORMS_REPORTED)
    line("edit+republish", ours=median(edit), open_forms=OPEN_FORMS_REPORTED)
    line("admin create+publish", ours=median(admin_create))
    line("admin edit+republish", ours=median(admin_edit))
    line("render step 1 (GET)", ours=median(render))
    line("validate answers", ours=median(validate))
