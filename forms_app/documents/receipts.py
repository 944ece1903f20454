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
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..models import IssuedDocument
from ..presenters import submission_rows
from .pdf import FONT, FONT_BOLD, QrCode, styles
from .store import register_renderer

QR_SIZE = 35 * mm


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
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
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
            Table(
                [
                    [
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
                    ]
                ],
                colWidths=[QR_SIZE + 6 * mm, None],
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


def _table(rows, bold_values=False):
    s = styles()
    value_font = FONT_BOLD if bold_values else FONT
    data = [
        [
            Paragraph(escape(str(label)), s["body"]),
            Paragraph(f"<font face='{value_font}'>{escape(str(value))}</font>", s["body"]),
        ]
        for label, value in rows
    ]
    table = Table(data, colWidths=[60 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.HexColor("#444444")),
            ]
        )
    )
    return table
