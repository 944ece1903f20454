"""Answers and forms as people see them: the rows of check-your-answers, the receipt, the email
copy and the admin's inspect view, and the editor's preview. Pure presentation: no queries
beyond what the objects passed in already hold, no requests."""

from .schema.definition import GroupDefinition, localised
from .schema.engine import StepForm, visible_steps
from .schema.fields import display_value


def answer_rows(step, answers, language) -> list[tuple[str, str]]:
    """(label, answer) for every answered field of a step, groups item by item."""
    return [(label, value) for label, value, _name in answer_items(step, answers, language)]


def answer_items(step, answers, language) -> list[tuple[str, str, str]]:
    """(label, answer, the form field's name) for every answered field of a step, groups item
    by item: the check-your-answers page links each row to its field."""
    rows = []
    for item in step.items:
        if isinstance(item, GroupDefinition):
            for index, entry in enumerate(answers.get(item.name) or []):
                heading = f"{localised(item.item_label, language)} {index + 1}"
                for f in item.input_fields:
                    if isinstance(entry, dict) and f.name in entry:
                        rows.append(
                            (
                                f"{heading}: {localised(f.label, language)}",
                                display_value(f, entry[f.name], language),
                                f"{item.name}-{index}-{f.name}",
                            )
                        )
        elif item.is_input and item.name in answers:
            rows.append(
                (
                    localised(item.label, language),
                    display_value(item, answers[item.name], language),
                    item.name,
                )
            )
    return rows


def submission_rows(submission) -> list[tuple[str, str]]:
    """Every answer of a submission, labelled as in the form version it answered."""
    version = submission.form_version
    if version is None:
        return [(key, str(value)) for key, value in submission.answers.items()]
    steps = visible_steps(version.definition, submission.answers, submission.channel)
    return [row for s in steps for row in answer_rows(s, submission.answers, submission.language)]


def preview_context(form, language) -> dict:
    """Every step of the form being edited, as the citizen would see it."""
    definition = form.definition
    return {
        "definition": definition,
        "step_forms": [
            (
                localised(s.title, language),
                StepForm(definition, s, language=language, answers={}, channel="online"),
            )
            for s in definition.steps
        ],
    }
