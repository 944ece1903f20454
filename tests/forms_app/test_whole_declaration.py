"""A whole declaration (the API's, and every draft's at submit) is checked without building the
web form's Django forms, but exactly as they check it: the same answers kept, the same errors at
the same paths with the same messages, in every language and channel. Compared here with the
web form's StepForm, step after step, on generated declarations: the demo declaration changed
at random, and generated definitions of every field type with conditions and repeating groups."""

import pytest
from django.utils import translation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from forms_app.schema.definition import (
    Condition,
    FieldDefinition,
    FormDefinition,
    GroupDefinition,
    StepDefinition,
)
from forms_app.schema.engine import (
    JSON_TYPES,
    StepForm,
    _QueryDictLike,
    _type_errors,
    form_data_for_step,
    validate_answers,
    visible_steps,
)
from pages.management.commands._demo_declaration import TARGETED_ASSISTANCE_DECLARATION
from tests.forms_app import declaration as d
from tests.forms_app.test_field_properties import DEFINITIONS, JSON_VALUES

DEMO = FormDefinition.from_stream(TARGETED_ASSISTANCE_DECLARATION)
MANY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGUAGES = st.sampled_from(["az", "ru", "en"])
CHANNELS = st.sampled_from(["online", "post_office", "api"])


def with_step_forms(definition, answers, *, channel, language):
    """The whole declaration through the web form's StepForm, step after step, as it is posted."""
    cleaned, errors, as_given = {}, {}, {}
    for step in visible_steps(definition, answers, channel):
        step_form = StepForm(
            definition,
            step,
            language=language,
            answers={**as_given, **cleaned},
            channel=channel,
            data=_QueryDictLike(form_data_for_step(step, answers)),
        )
        if step_form.is_valid():
            cleaned.update(step_form.cleaned_answers())
        else:
            errors.update(step_form.errors_by_path())
            as_given.update({i.name: answers[i.name] for i in step.items if i.name in answers})
    return cleaned, errors


def assert_checked_alike(definition, answers, channel, language):
    # Answers of the wrong JSON type are refused before either is asked.
    assume(not _type_errors(definition, answers, set()))
    with translation.override(language):
        checked = validate_answers(definition, answers, channel=channel, language=language)
        reference = with_step_forms(definition, answers, channel=channel, language=language)
    assert checked == reference
    # The order too: the first error is the one a person is sent to.
    assert list(checked[1]) == list(reference[1])


# The demo declaration, changed at random ---------------------------------------------------------

PINS = st.sampled_from([d.ANSWERS["pin"], "7KQ2M1A", "3ZX9P0B", "2XY4Z5W", "5ZJBKQH", "IIIIIII"])
TEXTS = st.sampled_from(["Əliyev", "Rəşad", "", "x" * 300, "Rəşad\u200b"])


def changed(base, **changes):
    """A valid item with some of its answers changed (mostly still valid) or left out, so that
    whole declarations pass often enough for the checks across steps to be reached."""
    some = st.sampled_from(sorted(changes)).flatmap(lambda k: changes[k].map(lambda v: {k: v}))
    return st.builds(
        lambda item, new, gone: {k: v for k, v in {**item, **new}.items() if k not in gone},
        st.sampled_from(base),
        st.just({}) | some,
        st.just(set()) | st.just(set()) | st.sets(st.sampled_from(sorted(base[0])), max_size=1),
    )


MEMBER = changed(
    d.MEMBERS,
    pin=PINS,
    last_name=TEXTS,
    birth_date=st.sampled_from(["1983-06-01", "2015-09-10", "2099-01-01"]),
    relation=st.sampled_from(["spouse", "child", "cousin"]),
    status=st.sampled_from(["student", "working", "child", "nobody"]),
)
INCOME = changed(
    d.ANSWERS["incomes"],
    member_pin=PINS,
    type=st.sampled_from(["salary", "pension", "lottery"]),
    amount_12_months=st.sampled_from(["3600", "0", "-5", "12.345"]),
)
CHANGES = st.fixed_dictionaries(
    {},
    optional={
        "pin": PINS,
        "last_name": TEXTS,
        "birth_date": st.sampled_from(["1985-03-14", "2020-01-01", "1985-02-30"]),
        "mobile": st.sampled_from(["+994501234567", "050 123 45 67", "+994401234567", ""]),
        "lives_at_registered_address": st.booleans(),
        "actual_address": TEXTS,
        "applicant_status": st.sampled_from(["working", "student", "unemployed", "other"]),
        "family_members": st.lists(MEMBER, max_size=5),
        "has_income": st.booleans(),
        "incomes": st.lists(INCOME, max_size=3),
        "dwellings_count": st.integers(-1, 5),
        "has_vehicle": st.booleans(),
        "feedback_channel": st.sampled_from(["sms", "email", "status_page", "pigeon"]),
        "feedback_mobile": st.sampled_from(["+994501234567", "12345"]),
        "feedback_email": st.sampled_from(["a@example.az", "not an address"]),
        "truthful": st.booleans(),
        "citizen_consent": st.booleans(),
    },
)
LEFT_OUT = st.sets(st.sampled_from(sorted(d.ANSWERS)), max_size=3)


@pytest.mark.django_db
@MANY
@given(CHANGES, LEFT_OUT, CHANNELS, LANGUAGES)
def test_the_demo_declaration_changed_at_random(changes, left_out, channel, language):
    answers = {k: v for k, v in {**d.ANSWERS, **changes}.items() if k not in left_out}
    assert_checked_alike(DEMO, answers, channel, language)


# Generated definitions of every field type --------------------------------------------------------

INPUTS = DEFINITIONS.filter(lambda f: f.type != "file")  # uploads come through drafts only


def named(definition, name, condition=None):
    return FieldDefinition(
        type=definition.type,
        name=name,
        label={"az": name.upper(), "ru": name, "en": name.title()},
        required=definition.required,
        condition=condition,
        options=definition.options,
    )


def answer_to(field):
    allowed = JSON_TYPES.get(field.type, (str,))
    values = [o["value"] for o in field.options.get("options", [])]
    chosen = st.sampled_from(values) if values else st.nothing()
    if field.type == "multiple_choice":
        chosen = st.lists(chosen, max_size=3)
    return st.one_of(chosen, *(JSON_VALUES[t] for t in allowed))


SWITCH = FieldDefinition(type="yes_no", name="switch", label={"az": "Açar"}, required=False)
WHEN_ON = Condition("switch", "equals", "yes")


@st.composite
def definitions_and_answers(draw):
    own = draw(st.lists(INPUTS, min_size=1, max_size=4))
    fields = [
        named(f, f"field_{i}", draw(st.sampled_from([None, WHEN_ON]))) for i, f in enumerate(own)
    ]
    in_items = draw(st.lists(INPUTS, min_size=1, max_size=3))
    item_fields = tuple(named(f, f"item_{i}") for i, f in enumerate(in_items))
    low = draw(st.integers(0, 2))
    group = GroupDefinition(
        name="things",
        label={"az": "Şeylər"},
        item_label={"az": "Şey", "en": "Thing"},
        fields=item_fields,
        min_items=low,
        max_items=draw(st.integers(max(low, 1), 4)),
        condition=draw(st.sampled_from([None, WHEN_ON])),
    )
    steps = (
        StepDefinition(name="first", title={"az": "Birinci"}, items=(SWITCH, *fields)),
        StepDefinition(name="second", title={"az": "İkinci"}, items=(group,)),
    )
    answers = {"switch": draw(st.booleans())}
    for f in fields:
        if draw(st.booleans()):
            answers[f.name] = draw(answer_to(f))
    items = draw(
        st.lists(
            st.fixed_dictionaries({}, optional={f.name: answer_to(f) for f in item_fields}),
            max_size=6,
        )
    )
    if items or draw(st.booleans()):
        answers["things"] = items
    return FormDefinition(steps), answers


@pytest.mark.django_db
@MANY
@given(definitions_and_answers(), CHANNELS, LANGUAGES)
def test_generated_definitions_of_every_field_type(definition_and_answers, channel, language):
    definition, answers = definition_and_answers
    assert_checked_alike(definition, answers, channel, language)
