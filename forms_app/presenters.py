"""Answers and forms as people see them: the rows of check-your-answers, the receipt, the email
copy and the admin's inspect view, and the editor's preview. Pure presentation: no queries
beyond what the objects passed in already hold, no requests."""

from .schema.definition import GroupDefinition, localised
from .schema.engine import StepForm, visible_steps
from .schema.fields import display_value


def answer_rows(step, answers, language) -> list[tuple[str, str]]:
    """(label, answer) for every answered field of a step, groups item by item."""
    rows = []
    for item in step.items:
        if isinstance(item, GroupDefinition):
            for number, entry in enumerate(answers.get(item.name) or [], start=1):
                heading = f"{localised(item.item_label, language)} {number}"
                for f in item.input_fields:
                    if f.name in entry:
                        rows.append(
                            (
                                f"{heading}: {localised(f.label, language)}",
                                display_value(f, entry[f.name], language),
                            )
                        )
        elif item.is_input and item.name in answers:
            rows.append(
                (localised(item.label, language), display_value(item, answers[item.name], language))
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
