"""ReportLab set-up shared by every document: fonts that cover Azerbaijani and Cyrillic."""

import itertools
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
    # The bold face sets a few words of each document (titles, headings, the reference): its
    # subset carries only the letters they use, not the whole of ASCII as ReportLab's default
    # does (which the running text in the regular face uses anyway). That made its embedding
    # half as costly; text is still copied and searched as written (ToUnicode).
    pdfmetrics.registerFont(
        TTFont(FONT_BOLD, FONTS_DIR / "DejaVuSans-Bold.ttf", asciiReadable=False)
    )
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
        qr.dataCache = _codewords(qr)
        qr.makeImpl(False, 0)
        self.modules = qr.modules

    def draw(self):
        count = len(self.modules)
        canvas = self.canv
        canvas.saveState()
        # In modules: whole numbers are quicker to write, and shorter in the page.
        box = self.width / (count + 2 * self.BORDER)
        canvas.scale(box, box)
        canvas.setFillColorRGB(0, 0, 0)
        path = canvas.beginPath()
        for r, row in enumerate(self.modules):
            y = count + self.BORDER - r - 1
            c = 0
            while c < count:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < count and row[c]:
                    c += 1
                path.rect(start + self.BORDER, y, c - start, 1)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


class Beside(Flowable):
    """A flowable (e.g. a QR code) with another one (what it is for) to its right, both centred
    on one line: what a one-row table of the two gave, without a table's layout work."""

    def __init__(self, left: Flowable, right: Flowable, *, left_width: float):
        super().__init__()
        self.left, self.right, self.left_width = left, right, left_width

    def wrap(self, available_width, available_height):
        self._left_size = self.left.wrap(self.left_width, available_height)
        self._right_size = self.right.wrap(available_width - self.left_width, available_height)
        self.width = available_width
        self.height = max(self._left_size[1], self._right_size[1])
        return self.width, self.height

    def draw(self):
        self.left.drawOn(self.canv, 0, (self.height - self._left_size[1]) / 2)
        self.right.drawOn(self.canv, self.left_width, (self.height - self._right_size[1]) / 2)


def _codewords(qr) -> list[int]:
    """The data and error-correction codewords of a QR code, exactly as ReportLab's
    QRCode.createData makes them, but with each Reed-Solomon generator polynomial worked out
    once (ReportLab multiplies it out again for every code, and divides by it recursively)."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(qr.version, qr.errorCorrectLevel)
    capacity = 8 * sum(block.dataCount for block in blocks)
    bits = _Bits()
    for data in qr.dataList:
        data.write(bits, qr.version)
    if bits.length > capacity:
        raise ValueError("Too much data for a QR code.")
    if bits.length + 4 <= capacity:
        bits.put(0, 4)  # the terminator
    bits.put(0, -bits.length % 8)
    pads = itertools.cycle((0xEC, 0x11))
    while bits.length < capacity:
        bits.put(next(pads), 8)
    codewords = list(bits.value.to_bytes(capacity // 8, "big"))
    data_blocks, correction_blocks, offset = [], [], 0
    for block in blocks:
        data = codewords[offset : offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(data)
        correction_blocks.append(_error_correction(data, block.totalCount - block.dataCount))
    # Interleaved: the blocks' first codewords, then their second ones, …
    return [
        codeword
        for blocks in (data_blocks, correction_blocks)
        for column in itertools.zip_longest(*blocks)
        for codeword in column
        if codeword is not None
    ]


class _Bits:
    """The bit stream of a QR code's data, as one number (QRBitBuffer takes it bit by bit)."""

    def __init__(self):
        self.value = self.length = 0

    def put(self, number: int, length: int):
        self.value = (self.value << length) | (number & ((1 << length) - 1))
        self.length += length


@cache
def _generator_logs(degree: int) -> tuple[int, ...]:
    """The Reed-Solomon generator of `degree` (after its leading 1), as logarithms in GF(256)."""
    generator = qrencoder.QRUtil.getErrorCorrectPolynomial(degree)
    return tuple(qrencoder.LOG_TABLE[c] for c in generator.num[1:])


def _error_correction(data: list[int], degree: int) -> list[int]:
    """The remainder of data × x^degree divided by the generator: the correction codewords."""
    exp, log = qrencoder.EXP_TABLE, qrencoder.LOG_TABLE
    generator = _generator_logs(degree)
    remainder = [0] * degree
    for codeword in data:
        factor = codeword ^ remainder[0]
        remainder = remainder[1:] + [0]
        if factor:
            shift = log[factor]
            for i, g in enumerate(generator):
                remainder[i] ^= exp[(g + shift) % 255]
    return remainder
