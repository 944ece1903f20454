"""How long a decision letter and a receipt take to render, against the smallest page ReportLab
makes (one line of text in the same embedded font): the goal is no more than 4×.

The document and the minimal page are rendered in turns, so that the machine's load, which
changes from one second to the next on a shared machine, weighs on both alike; the medians are
compared."""

import io
import os
import statistics
import time

import pytest
from reportlab.pdfgen import canvas

from casework import tasks
from casework.documents.letters import render_letter
from forms_app.documents.pdf import FONT, register_fonts
from forms_app.documents.receipts import render_receipt
from tests.casework.conftest import registries, submit_scenario  # noqa: F401  (fixtures)

from .figures import heading, line

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


def against_the_minimal_page(label, render):
    """Render the minimal page and the document in turns, ROUNDS times; print the medians."""
    minimal_page()  # fonts registered before timing
    render()
    base, document = [], []
    for _ in range(ROUNDS):
        start = time.process_time()
        minimal_page()
        base.append(time.process_time() - start)
        start = time.process_time()
        render()
        document.append(time.process_time() - start)
    base_ms, document_ms = 1000 * statistics.median(base), 1000 * statistics.median(document)
    line("minimal page", ms=base_ms)
    line(label, ms=document_ms, ratio=document_ms / base_ms)


def test_letter_against_a_minimal_page(registries, submit_scenario):  # noqa: F811
    heading(
        f"The decision letter against a minimal ReportLab page ({ROUNDS} each, in turns), "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    case = submit_scenario("undeclared_salary")  # a refusal: the longest letter
    tasks.process_case(case.pk)
    submission = type(case).objects.select_related("submission").get(pk=case.pk).submission
    url = "http://127.0.0.1:8000/verify/ABCDEFGHJK/"
    against_the_minimal_page(
        "decision letter", lambda: render_letter(submission, "ABCDEFGHJK", url)
    )
    assert render_letter(submission, "ABCDEFGHJK", "x").startswith(b"%PDF")


def test_receipt_against_a_minimal_page(registries, submit_scenario):  # noqa: F811
    heading(
        f"The receipt against a minimal ReportLab page ({ROUNDS} each, in turns), "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    case = submit_scenario("undeclared_salary")
    submission = type(case).objects.select_related("submission").get(pk=case.pk).submission
    url = "http://127.0.0.1:8000/verify/ABCDEFGHJK/"
    against_the_minimal_page("receipt", lambda: render_receipt(submission, "ABCDEFGHJK", url))
    assert render_receipt(submission, "ABCDEFGHJK", url).startswith(b"%PDF")
