"""How long a decision letter takes to render, against the smallest page ReportLab makes (one line
of text in the same embedded font): the goal is no more than 4×."""

import io
import os

import pytest
from reportlab.pdfgen import canvas

from casework import tasks
from casework.documents.letters import render_letter
from forms_app.documents.pdf import FONT, register_fonts
from forms_app.documents.receipts import render_receipt
from tests.casework.conftest import registries, submit_scenario  # noqa: F401  (fixtures)

from .figures import heading, line, timed

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

ROUNDS = int(os.environ.get("BENCH_LETTERS", "50"))


def minimal_page() -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont(FONT, 12)
    page.drawString(72, 720, "Ünvanlı dövlət sosial yardımı")
    page.save()
    return buffer.getvalue()


def test_letter_against_a_minimal_page(registries, submit_scenario):  # noqa: F811
    heading(f"The decision letter against a minimal ReportLab page ({ROUNDS} each)")
    case = submit_scenario("undeclared_salary")  # a refusal: the longest letter
    tasks.process_case(case.pk)
    submission = type(case).objects.select_related("submission").get(pk=case.pk).submission
    minimal_page()  # fonts registered before timing
    render_letter(submission, "ABCDEFGHJK", "http://127.0.0.1:8000/verify/ABCDEFGHJK/")

    base_seconds, _ = timed(lambda: [minimal_page() for _ in range(ROUNDS)])
    letter_seconds, _ = timed(
        lambda: [
            render_letter(submission, "ABCDEFGHJK", "http://127.0.0.1:8000/verify/ABCDEFGHJK/")
            for _ in range(ROUNDS)
        ]
    )
    line("minimal page", ms=base_seconds / ROUNDS * 1000)
    line("decision letter", ms=letter_seconds / ROUNDS * 1000, ratio=letter_seconds / base_seconds)
    assert render_letter(submission, "ABCDEFGHJK", "x").startswith(b"%PDF")


def test_receipt_against_a_minimal_page(registries, submit_scenario):  # noqa: F811
    heading(f"The receipt against a minimal ReportLab page ({ROUNDS} each)")
    case = submit_scenario("undeclared_salary")
    submission = type(case).objects.select_related("submission").get(pk=case.pk).submission
    url = "http://127.0.0.1:8000/verify/ABCDEFGHJK/"
    minimal_page()  # fonts registered before timing
    render_receipt(submission, "ABCDEFGHJK", url)

    base_seconds, _ = timed(lambda: [minimal_page() for _ in range(ROUNDS)])
    receipt_seconds, _ = timed(
        lambda: [render_receipt(submission, "ABCDEFGHJK", url) for _ in range(ROUNDS)]
    )
    line("minimal page", ms=base_seconds / ROUNDS * 1000)
    line("receipt", ms=receipt_seconds / ROUNDS * 1000, ratio=receipt_seconds / base_seconds)
    assert render_receipt(submission, "ABCDEFGHJK", url).startswith(b"%PDF")
