"""Renders one step of a declaration as Django forms and validates answers against a definition.

Server-side validation is the authority: the same fields, with the same rules and messages,
check a step posted from a browser (StepForm, which also renders it), and the whole declaration
before it is submitted and JSON posted to the API (StepCheck, which cleans the answers with those
fields without building forms, as StepForm would; tests/forms_app/test_whole_declaration.py
compares the two). A field whose condition is not met is not required and its answer is dropped.
"""

import copy
import datetime
from collections.abc import Mapping
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..plugins import FIELD_TYPES
from ..validators import normalise_text
from .conditions import answer_lookup, is_met
from .definition import (
    FieldDefinition,
    FormDefinition,
    GroupDefinition,
    StepDefinition,
    localised,
)
from .fields import build_formfield, field_type_of, to_form_data, to_json

MAX_ITEMS_CEILING = 100  # whatever a definition says, no group takes more items than this


class ItemForm(forms.Form):
    """One item of a repeating group."""


class BaseItemFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": ngettext_lazy(
            "Add at least %(num)d item.", "Add at least %(num)d items.", "num"
        ),
        "too_many_forms": ngettext_lazy(
            "You can add at most %(num)d item.", "You can add at most %(num)d items.", "num"
        ),
    }


def _formfields(fields, language, choices_from=None, *, copied=True):
    """`copied=False` for a form class's declared fields (Django copies those for each form),
    and for fields that are only cleaned, never rendered or changed."""
    # What a prototype is built for, looked up once per form (the active language is slow to get).
    built_for = (language, translation.get_language(), datetime.date.today())
    return {
        f.name: _formfield(f, built_for, choices_from, copied=copied) for f in fields if f.is_input
    }


# Building a field (labels, messages, choices, validators) cost more than validating it. A field
# whose options don't come from the answers is built once per definition, language and day, and
# each form gets a copy, as Django's forms copy their declared fields. Definitions of published
# versions live as long as the process (models.frozen_definition); the entry holds its
# definition, so the id it is keyed by can't be taken by another one.
_prototypes: dict[tuple, tuple[FieldDefinition, forms.Field]] = {}
MAX_PROTOTYPES = 2000


def _formfield(f: FieldDefinition, built_for, choices_from, *, copied=True) -> forms.Field:
    """`built_for`: the form's language, the active one and the day (a field's limits, such as
    a date not in the future, are worked out when it is built)."""
    language = built_for[0]
    if f.options.get("choices_from"):
        return build_formfield(f, language, choices_from=choices_from)
    key = (id(f), *built_for)
    entry = _prototypes.get(key)
    if entry is None or entry[0] is not f:
        if len(_prototypes) >= MAX_PROTOTYPES:
            _prototypes.clear()
        entry = _prototypes[key] = (f, build_formfield(f, language))
    return copy.deepcopy(entry[1]) if copied else entry[1]


class StepForm:
    """A step's own fields as one Django form, and a formset per repeating group."""

    def __init__(
        self,
        definition: FormDefinition,
        step: StepDefinition,
        *,
        language: str,
        answers: dict,
        channel: str,
        data=None,
        files=None,
    ):
        self.definition = definition
        self.step = step
        self.language = language
        self.answers = answers
        self.channel = channel
        self.is_bound = data is not None
        if data is not None:
            data = _normalised(data)
        # What the conditions see: the other steps' answers, and this step's as just posted.
        self.current = dict(answers)
        if data is not None:
            own = {item.name for item in step.items}
            self.current = {k: v for k, v in answers.items() if k not in own}
            self.current.update(_raw_values(step.fields, data, prefix=""))

        initial = self._initial(step.fields, answers)
        if data is not None:
            # A stored document stands for its upload when the step is checked again.
            initial.update(
                {
                    f.name: data[f.name]
                    for f in step.fields
                    if field_type_of(f).upload and isinstance(data.get(f.name), dict)
                }
            )
        self.form = forms.Form(data=data, files=files, prefix=None, initial=initial)
        self.form.fields.update(_formfields(step.fields, language, self._choices_from))
        self.formsets = {}
        self.inactive_groups = set()
        for group in step.groups:
            if not self.applies(group):
                if not self._controlled_here(group):
                    continue
                # Rendered for the page's script to reveal; not validated, not stored.
                self.inactive_groups.add(group.name)
            self.formsets[group.name] = self._formset(group, data, files)
        self._apply_conditions()

    # Building ------------------------------------------------------------------------------

    def _initial(self, fields, answers):
        return {f.name: to_form_data(f, answers.get(f.name)) for f in fields if f.name in answers}

    def _formset(self, group: GroupDefinition, data, files):
        FormSet = formset_factory(
            type(
                "ItemForm",
                (ItemForm,),
                _formfields(group.fields, self.language, self._choices_from, copied=False),
            ),
            formset=BaseItemFormSet,
            extra=0,
            min_num=group.min_items,
            max_num=min(group.max_items, MAX_ITEMS_CEILING),
            absolute_max=MAX_ITEMS_CEILING,
            validate_min=True,
            validate_max=True,
            can_delete=True,
        )
        if data is None:
            initial = [
                {f.name: to_form_data(f, item.get(f.name)) for f in group.input_fields}
                for item in self.answers.get(group.name) or []
                if isinstance(item, dict)
            ]
        else:
            # Posted items are judged on what was posted: an item counts when anything in it
            # was filled in (compared with nothing, not with the last save, which would drop an
            # item posted again unchanged). Stored documents stand for their uploads.
            initial = [
                {
                    f.name: data.get(f"{group.name}-{i}-{f.name}")
                    for f in group.input_fields
                    if field_type_of(f).upload
                    and isinstance(data.get(f"{group.name}-{i}-{f.name}"), dict)
                }
                for i in range(_total(data, group.name))
            ]
        formset = FormSet(data=data, files=files, prefix=group.name, initial=initial or None)
        formset.group = group
        return formset

    def _choices_from(self, source):
        """Options from the declaration's answers (e.g. the people declared so far)."""
        return source.choices(self.definition, self.current, self.language)

    def applies(self, item) -> bool:
        return is_met(item.condition, answer_lookup(self.current, channel=self.channel))

    def _apply_conditions(self):
        """Fields whose condition isn't met are not required (their answers are dropped later)."""
        lookup = answer_lookup(self.current, channel=self.channel)
        self.hidden = {f.name for f in self.step.fields if not is_met(f.condition, lookup)}
        for name in self.hidden:
            self.form.fields[name].required = False
        for formset in self.formsets.values():
            fields = formset.group.input_fields
            initial = formset.initial or []
            for index, item_form in enumerate(formset.forms):
                if formset.is_bound:
                    item = _raw_values(fields, item_form.data, item_form.prefix)
                else:
                    item = initial[index] if index < len(initial) else {}
                item_lookup = answer_lookup(self.current, channel=self.channel, item=item)
                item_form.hidden = {f.name for f in fields if not is_met(f.condition, item_lookup)}
                for name in item_form.hidden:
                    item_form.fields[name].required = False

    # Rendering helpers -----------------------------------------------------------------------

    def items(self):
        """The step's contents in order, for the template: ("field", bound field, definition),
        ("text", definition) or ("group", formset)."""
        lookup = answer_lookup(self.answers, channel=self.channel)
        for item in self.step.items:
            if isinstance(item, GroupDefinition):
                if item.name in self.formsets:
                    yield "group", self.formsets[item.name], item
            elif not item.is_input:
                if is_met(item.condition, lookup):
                    yield "text", None, item
            elif self._shown(item):
                yield "field", self.form[item.name], item

    def _controlled_here(self, item) -> bool:
        """Whether an item's condition depends on a field of this same step."""
        return item.condition is not None and item.condition.field in {
            f.name for f in self.step.fields
        }

    def _shown(self, field: FieldDefinition) -> bool:
        """A field controlled by an answer on this step is always rendered (the page's script
        shows and hides it); one controlled by an earlier step is rendered only if it applies."""
        return field.name not in self.hidden or self._controlled_here(field)

    def active_formsets(self):
        return {n: f for n, f in self.formsets.items() if n not in self.inactive_groups}

    # Validation ----------------------------------------------------------------------------

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.active_formsets().values():
            valid = formset.is_valid() and valid
        return valid and self._unique_people()

    def _unique_people(self) -> bool:
        return _one_person_per_fin(self, self._own_unique_values())

    def _own_unique_values(self):
        """(where, FİN, form, field name) for this step's answers to unique FİN fields."""
        for f in self.step.fields:
            value = self.form.cleaned_data.get(f.name)
            if _is_unique_pin(f) and value and f.name not in self.hidden:
                yield localised(self.step.title, self.language), value, self.form, f.name
        for formset in self.active_formsets().values():
            group = formset.group
            item_label = localised(group.item_label, self.language)
            kept = [
                item_form
                for item_form in formset.forms
                if item_form not in formset.deleted_forms and item_form.has_changed()
            ]
            for number, item_form in enumerate(kept, start=1):
                for f in group.input_fields:
                    value = item_form.cleaned_data.get(f.name)
                    if _is_unique_pin(f) and value and f.name not in item_form.hidden:
                        yield f"{item_label} {number}", value, item_form, f.name

    def cleaned_answers(self) -> dict:
        """This step's answers as JSON, without the fields whose conditions aren't met."""
        cleaned = {}
        for f in self.step.fields:
            if f.name not in self.hidden:
                value = to_json(f, self.form.cleaned_data.get(f.name))
                if value is not None:
                    cleaned[f.name] = value
        formsets = self.active_formsets()
        for group in self.step.groups:
            if group.name not in formsets:
                continue
            items = []
            formset = formsets[group.name]
            for item_form in formset.forms:
                if item_form in formset.deleted_forms or not item_form.has_changed():
                    continue
                item = {}
                for f in group.input_fields:
                    if f.name not in item_form.hidden:
                        value = to_json(f, item_form.cleaned_data.get(f.name))
                        if value is not None:
                            item[f.name] = value
                items.append(item)
            cleaned[group.name] = items
        return cleaned

    def errors_by_path(self) -> dict[str, list[str]]:
        """Errors keyed as the API reports them: `pin`, `family_members[2].pin`."""
        errors = {}
        for name, messages in self.form.errors.items():
            errors[name if name != "__all__" else self.step.name] = list(messages)
        for group_name, formset in self.active_formsets().items():
            if formset.non_form_errors():
                errors[group_name] = list(formset.non_form_errors())
            for index, item_form in enumerate(formset.forms):
                for name, messages in item_form.errors.items():
                    errors[f"{group_name}[{index}].{name}"] = list(messages)
        return errors


class StepCheck:
    """A step's answers checked exactly as a posted StepForm checks them, without building its
    Django forms and formsets: what a whole declaration needs, many times a second.

    Each answer is read and cleaned by its field's own Django form field (the same widgets,
    validators and messages, in the same language); conditions, repeating groups (at least, at
    most, items left empty), one person per FİN and the errors' paths follow StepForm and
    Django's BaseForm.full_clean and BaseFormSet.full_clean. The web renders StepForm.
    """

    def __init__(self, definition, step, *, language: str, answers: dict, channel: str, data):
        self.definition = definition
        self.step = step
        self.language = language
        data = _normalised(data)
        own = {item.name for item in step.items}
        self.current = {k: v for k, v in answers.items() if k not in own}
        self.current.update(_raw_values(step.fields, data, prefix=""))
        lookup = answer_lookup(self.current, channel=channel)

        initial = {
            f.name: to_form_data(f, answers[f.name]) for f in step.fields if f.name in answers
        }
        initial.update(
            {
                f.name: data[f.name]
                for f in step.fields
                if field_type_of(f).upload and isinstance(data.get(f.name), dict)
            }
        )
        self.hidden = {f.name for f in step.fields if not is_met(f.condition, lookup)}
        fields = _formfields(step.fields, language, self._choices_from, copied=False)
        self.form = _CheckedForm(fields, data, "", initial, self.hidden)
        # A group whose condition isn't met is neither checked nor stored.
        self.groups = [
            _CheckedGroup(
                group,
                _formfields(group.fields, language, self._choices_from, copied=False),
                data,
                self.current,
                channel,
            )
            for group in step.groups
            if is_met(group.condition, lookup)
        ]

    def _choices_from(self, source):
        return source.choices(self.definition, self.current, self.language)

    def is_valid(self) -> bool:
        valid = not self.form.errors and all(g.is_valid() for g in self.groups)
        return valid and self._unique_people()

    def _unique_people(self) -> bool:
        return _one_person_per_fin(self, self._own_unique_values())

    def _own_unique_values(self):
        """As StepForm's, from the items kept."""
        for f in self.step.fields:
            value = self.form.cleaned_data.get(f.name)
            if _is_unique_pin(f) and value and f.name not in self.hidden:
                yield localised(self.step.title, self.language), value, self.form, f.name
        for group in self.groups:
            item_label = localised(group.group.item_label, self.language)
            for number, item in enumerate(group.kept(), start=1):
                for f in group.group.input_fields:
                    value = item.cleaned_data.get(f.name)
                    if _is_unique_pin(f) and value and f.name not in item.hidden:
                        yield f"{item_label} {number}", value, item, f.name

    def cleaned_answers(self) -> dict:
        cleaned = {}
        for f in self.step.fields:
            if f.name not in self.hidden:
                value = to_json(f, self.form.cleaned_data.get(f.name))
                if value is not None:
                    cleaned[f.name] = value
        for group in self.groups:
            fields = group.group.input_fields
            cleaned[group.group.name] = [
                {
                    f.name: value
                    for f in fields
                    if f.name not in item.hidden
                    and (value := to_json(f, item.cleaned_data.get(f.name))) is not None
                }
                for item in group.kept()
            ]
        return cleaned

    def errors_by_path(self) -> dict[str, list[str]]:
        errors = dict(self.form.errors)
        for group in self.groups:
            name = group.group.name
            if group.non_form_errors:
                errors[name] = group.non_form_errors
            for index, item in enumerate(group.items):
                for field_name, messages in item.errors.items():
                    errors[f"{name}[{index}].{field_name}"] = messages
        return errors


class _CheckedForm:
    """One form's fields cleaned as Django's BaseForm.full_clean cleans them (no file is posted
    with a stored declaration): `cleaned_data`, `errors` by field, and whether anything was
    filled in (`changed`)."""

    def __init__(self, fields, data, prefix, initial, hidden, *, empty_permitted=False):
        self.fields = fields
        self.hidden = hidden
        self.cleaned_data = {}
        self.errors = {}
        self.values = {
            name: field.widget.value_from_datadict(data, {}, f"{prefix}-{name}" if prefix else name)
            for name, field in fields.items()
        }
        self.initial = {}
        for name, field in fields.items():
            value = initial.get(name, field.initial)
            self.initial[name] = value() if callable(value) else value
        if empty_permitted and not self.changed:
            return
        for name, field in fields.items():
            if name in hidden and field.required:
                # Not required here only: the field is shared by every form of the definition.
                field = copy.copy(field)
                field.required = False
            value = self.initial[name] if field.disabled else self.values[name]
            try:
                if isinstance(field, forms.FileField):
                    self.cleaned_data[name] = field.clean(value, self.initial[name])
                else:
                    self.cleaned_data[name] = field.clean(value)
            except ValidationError as error:
                self.add_error(name, error)

    @cached_property
    def changed(self) -> bool:
        return any(f.has_changed(self.initial[n], self.values[n]) for n, f in self.fields.items())

    def add_error(self, name, error):
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        self.errors.setdefault(name, []).extend(error.messages)
        self.cleaned_data.pop(name, None)


class _CheckedGroup:
    """A repeating group's items checked as StepForm's formset checks them (BaseItemFormSet:
    no item is deleted, every item is an extra one)."""

    def __init__(self, group, fields, data, current, channel):
        self.group = group
        posted = int(data.get(f"{group.name}-TOTAL_FORMS") or 0)
        max_num = min(group.max_items, MAX_ITEMS_CEILING)
        self.items = []
        uploads = [f.name for f in group.input_fields if field_type_of(f).upload]
        for index in range(min(posted, MAX_ITEMS_CEILING)):
            prefix = f"{group.name}-{index}"
            initial = {
                name: data[f"{prefix}-{name}"]
                for name in uploads
                if isinstance(data.get(f"{prefix}-{name}"), dict)
            }
            item = _raw_values(group.input_fields, data, prefix)
            item_lookup = answer_lookup(current, channel=channel, item=item)
            hidden = {f.name for f in group.input_fields if not is_met(f.condition, item_lookup)}
            self.items.append(
                _CheckedForm(
                    fields, data, prefix, initial, hidden, empty_permitted=index >= group.min_items
                )
            )
        messages = BaseItemFormSet.default_error_messages
        empty = sum(not item.changed for item in self.items)
        self.non_form_errors = []
        if len(self.items) > max_num or posted > MAX_ITEMS_CEILING:
            self.non_form_errors = [str(messages["too_many_forms"] % {"num": max_num})]
        elif len(self.items) - empty < group.min_items:
            self.non_form_errors = [str(messages["too_few_forms"] % {"num": group.min_items})]

    def is_valid(self) -> bool:
        return not self.non_form_errors and not any(item.errors for item in self.items)

    def kept(self):
        """The items anything was filled in for; the others are left out."""
        return [item for item in self.items if item.changed]


def _one_person_per_fin(checked: "StepForm | StepCheck", own_values) -> bool:
    """A FİN marked "one person per FİN" appears once in the whole declaration: in this step
    (`own_values`: where, FİN, the form and field it was given in) and in the other steps'
    answers. The second of two is the error, named by its place."""
    step = checked.step
    in_groups = (f for group in step.groups for f in group.input_fields)
    if not any(_is_unique_pin(f) for f in (*step.fields, *in_groups)):
        return True  # nothing in this step to compare
    seen = {}  # FİN -> where it was given
    own = {item.name for item in step.items}
    others = {k: v for k, v in checked.current.items() if k not in own}
    for where, value in _unique_values(checked.definition, others, checked.language):
        seen.setdefault(value, where)
    valid = True
    for where, value, form, name in own_values:
        if value in seen:
            form.add_error(
                name,
                _("This FİN is already given for %(other)s: list each person once.")
                % {"other": seen[value]},
            )
            valid = False
        else:
            seen[value] = where
    return valid


def _is_unique_pin(field: FieldDefinition) -> bool:
    return field.type == "pin" and bool(field.options.get("unique"))


def _unique_values(definition: FormDefinition, answers: dict, language: str):
    """(where, FİN) for the stored answers to unique FİN fields."""
    for step in definition.steps:
        for item in step.items:
            if isinstance(item, GroupDefinition):
                unique = [f.name for f in item.input_fields if _is_unique_pin(f)]
                entries = answers.get(item.name) if unique else None
                item_label = localised(item.item_label, language)
                for number, entry in enumerate(entries or [], start=1):
                    for name in unique:
                        if isinstance(entry, dict) and entry.get(name):
                            yield f"{item_label} {number}", entry[name]
            elif _is_unique_pin(item) and answers.get(item.name):
                yield localised(step.title, language), answers[item.name]


def _normalised(data):
    """Posted text in Unicode's composed form (NFC), so the same letters are the same answer
    whichever way a keyboard or a copied text encoded them."""
    if isinstance(data, QueryDict):
        normalised = QueryDict(mutable=True)
        for key, values in data.lists():
            normalised.setlist(
                key, [normalise_text(v) if isinstance(v, str) else v for v in values]
            )
        return normalised
    return data.__class__(
        {
            key: (
                normalise_text(v)
                if isinstance(v, str)
                else [normalise_text(x) if isinstance(x, str) else x for x in v]
                if isinstance(v, list)
                else v
            )
            for key, v in data.items()
        }
    )


def _total(data, prefix) -> int:
    value = str(data.get(f"{prefix}-TOTAL_FORMS", "0"))
    return min(int(value), MAX_ITEMS_CEILING) if value.isdigit() else 0


def _raw_values(fields, data, prefix) -> dict:
    """What was posted for `fields`, as the conditions compare it."""
    values = {}
    for f in fields:
        key = f"{prefix}-{f.name}" if prefix else f.name
        if field_type_of(f).multiple and hasattr(data, "getlist"):
            values[f.name] = data.getlist(key)
        elif key in data:
            values[f.name] = data.get(key)
    return values


def form_data_for_step(step: StepDefinition, answers: dict) -> dict:
    """Stored answers as a browser would post the step (management forms included)."""
    data = {}
    for f in step.fields:
        value = to_form_data(f, answers.get(f.name))
        if value is not None:
            data[f.name] = value
    for group in step.groups:
        items = answers.get(group.name) or []
        items = items if isinstance(items, list) else []
        data[f"{group.name}-TOTAL_FORMS"] = str(len(items))
        data[f"{group.name}-INITIAL_FORMS"] = "0"
        for index, item in enumerate(items):
            item = item if isinstance(item, dict) else {}
            for f in group.input_fields:
                value = to_form_data(f, item.get(f.name))
                if value is not None:
                    data[f"{group.name}-{index}-{f.name}"] = value
    return data


def visible_steps(definition: FormDefinition, answers: dict, channel: str):
    lookup = answer_lookup(answers, channel=channel)
    return [s for s in definition.steps if is_met(s.condition, lookup)]


class _JsonTypes(Mapping):
    """{field type name: the JSON types its answer may have}, for every registered type (the API
    gets JSON, not form posts)."""

    def __getitem__(self, name):
        return FIELD_TYPES[name].json_types

    def __iter__(self):
        return iter(FIELD_TYPES)

    def __len__(self):
        return len(FIELD_TYPES)


JSON_TYPES = _JsonTypes()


def _type_errors(definition: FormDefinition, answers: dict, document_ids) -> dict[str, list[str]]:
    """Unknown fields, answers of the wrong JSON type and unknown documents, by path."""
    errors = {}
    wrong_type = [str(_("This answer has the wrong type."))]
    fields = {}
    groups = {}
    for step in definition.steps:
        for item in step.items:
            if isinstance(item, GroupDefinition):
                groups[item.name] = item
            elif item.is_input:
                fields[item.name] = item

    def check(field: FieldDefinition, value, path):
        allowed = JSON_TYPES.get(field.type, (str,))
        if value is None:
            return
        bool_where_not_allowed = isinstance(value, bool) and bool not in allowed
        list_of_non_strings = isinstance(value, list) and not all(isinstance(v, str) for v in value)
        if not isinstance(value, allowed) or bool_where_not_allowed or list_of_non_strings:
            errors[path] = wrong_type
        elif field_type_of(field).upload and str(value.get("id")) not in document_ids:
            errors[path] = [str(_("Upload the file again."))]
        elif message := field_type_of(field).json_error(field, value):
            errors[path] = [str(message)]

    for name, value in answers.items():
        if name in fields:
            check(fields[name], value, name)
        elif name in groups:
            if not isinstance(value, list):
                errors[name] = wrong_type
                continue
            group_fields = {f.name: f for f in groups[name].input_fields}
            for index, item in enumerate(value):
                if not isinstance(item, dict):
                    errors[f"{name}[{index}]"] = wrong_type
                    continue
                for key, item_value in item.items():
                    path = f"{name}[{index}].{key}"
                    if key not in group_fields:
                        errors[path] = [str(_("This form has no such field."))]
                    else:
                        check(group_fields[key], item_value, path)
        else:
            errors[name] = [str(_("This form has no such field."))]
    return errors


def validate_answers(
    definition: FormDefinition,
    answers: dict,
    *,
    channel: str,
    language: str,
    document_ids=frozenset(),
):
    """Check a whole declaration. Returns (cleaned answers, errors by path). A file answer must
    name one of `document_ids` (the documents uploaded with the draft)."""
    if not isinstance(answers, dict):
        return {}, {"": [str(_("The answers must be a JSON object."))]}
    errors = _type_errors(definition, answers, {str(i) for i in document_ids})
    if errors:
        return {}, errors
    cleaned = {}
    # A step with errors still says what it said to the steps after it (who was declared, what
    # applies), so one mistake is reported once, where it is.
    as_given = {}
    for step in visible_steps(definition, {**answers, **cleaned}, channel):
        data = _QueryDictLike(form_data_for_step(step, answers))
        check = StepCheck(
            definition,
            step,
            language=language,
            answers={**as_given, **cleaned},
            channel=channel,
            data=data,
        )
        if check.is_valid():
            cleaned.update(check.cleaned_answers())
        else:
            errors.update(check.errors_by_path())
            as_given.update({i.name: answers[i.name] for i in step.items if i.name in answers})
    return cleaned, errors


class _QueryDictLike(dict):
    """Form data built from JSON; lists stand for repeated keys (multiple choice)."""

    def getlist(self, key):
        value = self.get(key)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]
