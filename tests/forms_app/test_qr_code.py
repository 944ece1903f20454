"""The QR code on receipts and letters is exactly the code ReportLab's encoder makes for the same
text (its codewords are worked out quicker, not differently), so every reader scans it."""

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode import qrencoder

from forms_app.documents.pdf import QrCode


def reportlab_modules(text):
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.L)
    qr.addData(text)
    qr.version = qr.calculate_version()
    qr.makeImpl(False, 0)  # the mask QrCode uses
    return qr.modules


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=600))
def test_the_code_is_reportlabs_own_for_any_text(text):
    # Up to 600 characters: codes of many versions, several blocks interleaved.
    assert QrCode(text, 100).modules == reportlab_modules(text)


def test_a_verification_link_is_a_small_code():
    modules = QrCode("https://e-muraciet.example.az/verify/ABCDEFGHJK/", 100).modules
    assert modules == reportlab_modules("https://e-muraciet.example.az/verify/ABCDEFGHJK/")
    assert len(modules) <= 33  # version 4 at most: big modules, easy to scan from paper
