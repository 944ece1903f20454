"""The decision letter: issued once, genuine at /verify/, legible in three languages. Each
outcome's first page is rendered to PNG under var/letters/ for a person to look at."""

from pathlib import Path

import pypdfium2
import pytest
from django.conf import settings
from pypdf import PdfReader

from casework import tasks
from casework.models import Case
from forms_app.documents import store
from forms_app.models import IssuedDocument

pytestmark = pytest.mark.django_db

LETTERS = Path(settings.BASE_DIR) / "var" / "letters"
AZERBAIJANI = "əğıöşüçİƏ"


def decided_in(submit_scenario, name, language):
    case = submit_scenario(name)
    Case.objects.filter(pk=case.pk)  # the submission's language decides the letter's
    case.submission.language = language
    case.submission.save(update_fields=["language"])
    tasks.process_case(case.pk)
    return Case.objects.select_related("submission").get(pk=case.pk)


def text_of(document) -> str:
    import io

    return "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(store.read(document))).pages
    )


def as_png(document, name):
    import io

    LETTERS.mkdir(parents=True, exist_ok=True)
    pdf = pypdfium2.PdfDocument(io.BytesIO(store.read(document)))
    pdf[0].render(scale=1.5).to_pil().save(LETTERS / f"{name}.png")


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_a_granted_letter_in_each_language(registries, submit_scenario, language):
    case = decided_in(submit_scenario, "eligible", language)
    letter = IssuedDocument.objects.get(submission=case.submission, kind="letter")
    text = text_of(letter)
    assert case.reference in text and letter.code in text
    # The names and addresses keep every Azerbaijani letter, whatever the letter's language.
    assert "Tofiq" in text and "Əliyev" in text
    amount = {"az": "750,00 AZN", "ru": "750,00 AZN", "en": "750.00 AZN"}[language]
    assert amount in text
    heading = {
        "az": "Ünvanlı dövlət sosial yardımının təyin edilməsi",
        "ru": "Решение о назначении адресной",
        "en": "Decision on targeted state social assistance",
    }[language]
    assert heading in text
    as_png(letter, f"granted-{language}")


def test_the_pdf_keeps_every_azerbaijani_letter(registries, submit_scenario):
    case = decided_in(submit_scenario, "undeclared_salary", "az")
    letter = IssuedDocument.objects.get(submission=case.submission, kind="letter")
    text = text_of(letter)
    for character in AZERBAIJANI:
        assert character in text, character
    assert "Bravo Supermarket" in text  # the evidence of ground 1
    as_png(letter, "refused-az")


def test_a_refused_letter_names_every_ground_and_how_to_appeal(registries, submit_scenario):
    case = decided_in(submit_scenario, "vehicle_by_proxy", "en")
    text = text_of(IssuedDocument.objects.get(submission=case.submission, kind="letter"))
    assert "The family owns or uses a vehicle" in text
    assert "90-KD-317" in text
    assert "You may appeal this decision by" in text
    as_png(IssuedDocument.objects.get(submission=case.submission, kind="letter"), "refused-en")


def test_the_letter_is_issued_once_and_verified_by_its_code(client, registries, submit_scenario):
    case = decided_in(submit_scenario, "eligible", "az")
    letter = IssuedDocument.objects.get(submission=case.submission, kind="letter")
    tasks.process_case(case.pk)  # again: nothing new
    assert IssuedDocument.objects.filter(submission=case.submission).count() == 1
    page = client.get(f"/verify/{letter.code.lower()}/")
    assert page.status_code == 200
    assert letter.sha256 in page.content.decode() and case.reference in page.content.decode()
    assert "Tofiq" not in page.content.decode()


def test_a_long_letter_goes_on_over_pages_with_every_sentence(
    registries, submit_scenario, monkeypatch
):
    """A large family's explanation can fill more than a page: every sentence is on one of them,
    and the verification code is on the last."""
    import io

    from casework.documents.letters import render_letter
    from casework.models import Decision

    case = decided_in(submit_scenario, "eligible", "en")
    sentences = [f"Sentence {n}: " + "the family's income in detail " * 10 for n in range(40)]
    monkeypatch.setattr(Decision, "explanation_in", lambda self, language: sentences)
    pdf = render_letter(case.submission, "ABCDEFGHJK", "http://testserver/verify/ABCDEFGHJK/")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 1
    text = " ".join(" ".join(pages).split())
    assert all(f"Sentence {n}: the family's income" in text for n in range(40))
    assert "ABCDEFGHJK" in pages[-1]
