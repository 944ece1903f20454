"""The PDF receipt a citizen (or a post-office clerk) gets for a submitted declaration."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table

from ..models import IssuedDocument
from ..presenters import submission_rows
from .pdf import FONT, FONT_BOLD, Beside, QrCode, styles
from .store import register_renderer

QR_SIZE = 35 * mm
MARGIN = 18 * mm


def _qr(url: str) -> QrCode:
    return QrCode(url, QR_SIZE)


@register_renderer(IssuedDocument.Kind.RECEIPT)
def render_receipt(submission, code: str, verify_url: str) -> bytes:
    """The receipt in the submission's language: reference, time, answers, digest, and a QR code
    and a short code that open the verification page."""
    with translation.override(submission.language):
        answer_rows = submission_rows(submission)
    s = styles()
    buffer = io.BytesIO()
    with translation.override(submission.language):
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title=_("Receipt %(reference)s") % {"reference": submission.reference},
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
        )
        submitted_at = timezone.localtime(submission.submitted_at)
        story = [
            Paragraph(escape(_("Receipt for a submitted declaration")), s["title"]),
            Paragraph(escape(submission.service.title), s["heading"]),
            Spacer(1, 4 * mm),
        ]
        facts = [
            (_("Reference number"), submission.reference),
            (_("Submitted at"), date_format(submitted_at, "DATETIME_FORMAT")),
            (_("Channel"), submission.get_channel_display()),
        ]
        assisted = submission.channel == submission.Channel.POST_OFFICE
        if assisted:
            facts += [
                (_("Post-office branch"), submission.branch or "—"),
                (_("Operator"), _operator_name(submission.operator)),
            ]
        story.append(_table(facts, bold_values=True))
        story += [Spacer(1, 6 * mm), Paragraph(escape(_("Your answers")), s["heading"])]
        story.append(_table(answer_rows))
        if submission.service.next_steps:
            story += [
                Spacer(1, 6 * mm),
                Paragraph(escape(_("What happens next")), s["heading"]),
                Paragraph(escape(strip_tags(submission.service.next_steps)), s["body"]),
            ]
        story += [
            Spacer(1, 8 * mm),
            Beside(
                _qr(verify_url),
                Paragraph(
                    escape(_("Digest (SHA-256) of your answers:"))
                    + f"<br/><font face='{FONT_BOLD}'>{submission.digest}</font><br/><br/>"
                    + escape(_("Verification code:"))
                    + f" <font face='{FONT_BOLD}'>{code}</font><br/>"
                    + escape(
                        _(
                            "Scan the QR code, or type the code at %(url)s, to check "
                            "that this receipt is genuine."
                        )
                        % {"url": verify_url.rsplit("/", 2)[0] + "/"}
                    ),
                    s["small"],
                ),
                left_width=QR_SIZE + 6 * mm,
            ),
        ]
        if assisted:
            story += [Spacer(1, 12 * mm), _signature_lines()]
        doc.build(story)
    return buffer.getvalue()


def _operator_name(operator) -> str:
    if operator is None:
        return "—"
    full_name = operator.get_full_name()
    return f"{full_name} ({operator.get_username()})" if full_name else operator.get_username()


def _signature_lines() -> Table:
    """Where the operator and the applicant sign the printed receipt at the counter."""
    s = styles()
    line = "_" * 34
    cells = [
        [
            Paragraph(f"{line}<br/>" + escape(_("Operator's signature")), s["small"]),
            Paragraph(f"{line}<br/>" + escape(_("Applicant's signature")), s["small"]),
        ]
    ]
    return Table(cells, colWidths=["50%", "50%"])


LABEL_WIDTH = 60 * mm
VALUE_WIDTH = A4[0] - 2 * MARGIN - LABEL_WIDTH
PADDING = 6  # around each cell's text, as a platypus table has it
FONT_SIZE = 10
LEADING = 12
LABEL_COLOUR = colors.HexColor("#444444")
RULE_COLOUR = colors.lightgrey


class Rows(Flowable):
    """Label and value rows, each value wrapping within its column, a thin rule under each row,
    split across pages between rows. Drawn straight on the canvas: a table of Paragraphs (each
    parsed, measured and drawn word by word) took most of the receipt's rendering time."""

    def __init__(self, rows, value_font=FONT):
        super().__init__()
        self.rows = rows  # [(label lines, value lines)]
        self.value_font = value_font

    @classmethod
    def of(cls, rows, value_font=FONT):
        def lines(text, font, width):
            text, width = str(text), width - 2 * PADDING
            # Most answers fit on one line: measured once rather than word by word, giving what
            # simpleSplit gives then (the words joined by single spaces).
            if "\n" not in text:
                line = " ".join(text.split())
                if stringWidth(line, font, FONT_SIZE) <= width:
                    return [line]
            return simpleSplit(text, font, FONT_SIZE, width) or [""]

        return cls(
            [
                (lines(label, FONT, LABEL_WIDTH), lines(value, value_font, VALUE_WIDTH))
                for label, value in rows
            ],
            value_font,
        )

    @staticmethod
    def _height(row) -> float:
        return max(len(row[0]), len(row[1])) * LEADING + 2 * PADDING

    def wrap(self, available_width, available_height):
        self.width = LABEL_WIDTH + VALUE_WIDTH
        self.height = sum(self._height(row) for row in self.rows)
        return self.width, self.height

    def split(self, available_width, available_height):
        used, count = 0, 0
        for row in self.rows:
            if used + self._height(row) > available_height:
                break
            used += self._height(row)
            count += 1
        if count == 0:
            return []  # not even one row fits: the next frame
        return [Rows(self.rows[:count], self.value_font), Rows(self.rows[count:], self.value_font)]

    def draw(self):
        # One text object for all of it, the labels' column and then the values' (a drawString
        # per line, with its own text object, font and colour, cost more than the rest of the
        # drawing), then the rules in one path.
        canvas = self.canv
        text = canvas.beginText()
        for x, font, colour, column in (
            (PADDING, FONT, LABEL_COLOUR, 0),
            (LABEL_WIDTH + PADDING, self.value_font, colors.black, 1),
        ):
            text.setFont(font, FONT_SIZE, LEADING)
            text.setFillColor(colour)
            top = self.height
            for row in self.rows:
                text.setTextOrigin(x, top - PADDING - FONT_SIZE)
                for line in row[column]:
                    text.textLine(line)
                top -= self._height(row)
        canvas.drawText(text)
        rules = []
        top = self.height
        for row in self.rows:
            top -= self._height(row)
            rules.append((0, top, self.width, top))
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.25)
        canvas.lines(rules)


def _table(rows, bold_values=False):
    return Rows.of(rows, FONT_BOLD if bold_values else FONT)
