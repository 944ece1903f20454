"""ReportLab set-up shared by every document: fonts that cover Azerbaijani and Cyrillic."""

from functools import cache
from pathlib import Path

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

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


class QrCode(Flowable):
    """A QR code drawn straight on the canvas: one rectangle per run of dark modules in a row.
    (ReportLab's QrCodeWidget encodes the data twice and builds a validated shape per module: it
    took most of a letter's rendering time.)"""

    BORDER = 2  # modules of quiet zone around the code

    def __init__(self, data: str, size: float):
        super().__init__()
        self.width = self.height = size
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.L)
        qr.addData(data)
        # make() tries all eight masks for the one easiest to scan: most of a letter's rendering
        # time. Any mask is valid; a short URL scans fine with the first.
        qr.version = qr.calculate_version()
        qr.makeImpl(False, 0)
        self.modules = qr.modules

    def draw(self):
        count = len(self.modules)
        box = self.width / (count + 2 * self.BORDER)
        canvas = self.canv
        canvas.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(self.modules):
            y = self.height - (r + 1 + self.BORDER) * box
            c = 0
            while c < count:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < count and row[c]:
                    c += 1
                x = (start + self.BORDER) * box
                canvas.rect(x, y, (c - start) * box, box, stroke=0, fill=1)
