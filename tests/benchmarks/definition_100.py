"""A 100-field declaration form for the definition benchmark: five steps of 20 input fields,
every field type, two repeating groups of 8 fields, a few conditional fields; and a full set
of answers for it (4 items per group)."""

from pages.management.commands._demo_declaration import field, group, options, step, t, text

FIELDS_PER_STEP = 20
GROUP_FIELDS = 8
GROUP_ITEMS = 4
STEPS_WITH_A_GROUP = (2, 4)

# Every input type of forms_app.schema.blocks.FIELD_TYPES, with its settings.
TYPE_OPTIONS = {
    "short_text": {"max_length": 100},
    "long_text": {"max_length": 2000},
    "integer": {"min_value": 0, "max_value": 100},
    "decimal": {"min_value": "0", "max_value": "1000"},
    "money": {"min_value": "0", "max_value": "100000"},
    "date": {"past_only": True, "min_date": "1900-01-01"},
    "single_choice": {
        "options": options(
            ("a", t("A", "А", "A")), ("b", t("B", "Б", "B")), ("c", t("C", "В", "C"))
        )
    },
    "multiple_choice": {
        "options": options(
            ("a", t("A", "А", "A")),
            ("b", t("B", "Б", "B")),
            ("c", t("C", "В", "C")),
            ("d", t("D", "Г", "D")),
        ),
        "min_selected": 1,
        "max_selected": 3,
    },
    "yes_no": {},
    "email": {},
    "mobile": {},
    "pin": {},
    "id_card": {},
    "address": {},
    "iban": {},
    "consent": {},
    "file": {"extensions": "pdf,jpg,png", "max_size_mb": 5},
}
TYPES = list(TYPE_OPTIONS)

# An answer of each type as the API (and validate_answers) takes it. Files come only through the
# web form's upload, so the file fields are optional and left unanswered.
ANSWER = {
    "short_text": "Əliyeva",
    "long_text": "Ailə 2024-cü ildən bu ünvanda yaşayır.",
    "integer": 3,
    "decimal": "2.5",
    "money": "120.50",
    "date": "1990-05-01",
    "single_choice": "b",
    "multiple_choice": ["a", "c"],
    "yes_no": True,
    "email": "gulshen@example.az",
    "mobile": "+994501234567",
    "pin": "5ZJBKQG",
    "id_card": "AA1234567",
    "address": "Bakı, Nəsimi r., Səməd Vurğun küç. 12, m. 5",
    "iban": "AZ21NABZ00000000137010001944",
    "consent": True,
}


def _field(number, type_, *, condition=None):
    name = f"f{number:03d}_{type_}"
    label = t(f"Sual {number}", f"Вопрос {number}", f"Question {number}")
    return field(
        type_,
        name,
        label,
        required=type_ != "file",
        help_text=t("Kömək mətni", "Подсказка", "Help text"),
        condition=condition,
        **TYPE_OPTIONS[type_],
    )


def schema(label_suffix=""):
    """The definition as StreamField raw JSON; `label_suffix` changes the first label (an edit)."""
    steps, number = [], 0
    for step_number in range(1, 6):
        items = [text("<p>Diqqətlə doldurun.</p>", "<p>Заполните внимательно.</p>", "<p>…</p>")]
        own_fields = FIELDS_PER_STEP - (GROUP_FIELDS if step_number in STEPS_WITH_A_GROUP else 0)
        controller = None
        for _ in range(own_fields):
            number += 1
            type_ = TYPES[number % len(TYPES)]
            # Every 7th field is shown only when the step's first yes/no question is answered yes.
            condition = (controller, "equals", "yes") if controller and number % 7 == 0 else None
            items.append(_field(number, type_, condition=condition))
            if type_ == "yes_no" and controller is None:
                controller = items[-1]["value"]["name"]
        if step_number in STEPS_WITH_A_GROUP:
            members = []
            for _ in range(GROUP_FIELDS):
                number += 1
                members.append(_field(number, TYPES[number % len(TYPES)]))
            items.append(
                group(
                    f"group_{step_number}",
                    t("Ailə üzvləri", "Члены семьи", "Family members"),
                    t("Ailə üzvü", "Член семьи", "Family member"),
                    members,
                    min_items=1,
                    max_items=15,
                )
            )
        steps.append(
            step(
                f"step_{step_number}",
                t(f"Addım {step_number}", f"Шаг {step_number}", "Step"),
                items,
            )
        )
    first_field = steps[0]["value"]["fields"][1]["value"]
    first_field["label"] = {**first_field["label"], "az": first_field["label"]["az"] + label_suffix}
    return steps


def answers(definition):
    """A complete, valid answer set for the definition built by `schema()`."""
    result = {}
    for step_definition in definition.steps:
        for item in step_definition.items:
            if item.type == "group":
                result[item.name] = [
                    {f.name: ANSWER[f.type] for f in item.input_fields if f.type in ANSWER}
                    for _ in range(GROUP_ITEMS)
                ]
            elif item.is_input and item.type in ANSWER:
                result[item.name] = ANSWER[item.type]
    return result


def input_field_count(definition) -> int:
    """Input fields as an editor builds them: a group's fields count once."""
    return sum(
        len(item.input_fields) if item.type == "group" else int(item.is_input)
        for s in definition.steps
        for item in s.items
    )
