"""ReportLab set-up shared by every document: fonts that cover Azerbaijani and Cyrillic."""

from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# The built-in Helvetica has no ə, ğ, ı, ş or Cyrillic; DejaVu Sans has them all.
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


@cache
def register_fonts():
    pdfmetrics.registerFont(TTFont(FONT, FONTS_DIR / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, FONTS_DIR / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=FONT_BOLD, fontSize=16),
        "heading": ParagraphStyle("heading", parent=base["Heading2"], fontName=FONT_BOLD),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=10),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontName=FONT, fontSize=8),
    }
