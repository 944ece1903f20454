"""The decision letter (ReportLab, the shipped DejaVu font), in the applicant's language: the
ministry's header, the reference, the family, the outcome with the amount and period or every
ground with its evidence, the explanation from the rules' trace, the rule set, how and by when to
appeal, and a QR code with a short code that open /verify/.

Its sentences are kept side by side in the three languages, as the explanation's are: a letter is
a legal text whose translations are reviewed together."""

import io
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table

from forms_app.documents.pdf import FONT, FONT_BOLD, register_fonts
from forms_app.documents.receipts import QR_SIZE, _qr
from forms_app.documents.store import register_renderer
from forms_app.models import IssuedDocument

from ..declaration import read_declaration
from ..rules.explain import azn, day_in, ground_text

TEXTS = {
    "title": {
        "az": "Ünvanlı dövlət sosial yardımının təyin edilməsi barədə qərar",
        "ru": "Решение о назначении адресной государственной социальной помощи",
        "en": "Decision on targeted state social assistance",
    },
    "reference": {"az": "Müraciətin nömrəsi", "ru": "Номер обращения", "en": "Reference number"},
    "date": {"az": "Qərarın tarixi", "ru": "Дата решения", "en": "Date of the decision"},
    "applicant": {"az": "Ərizəçi", "ru": "Заявитель", "en": "Applicant"},
    "family": {"az": "Ailə üzvləri", "ru": "Члены семьи", "en": "The family"},
    "granted": {
        "az": "Ailənizə ünvanlı dövlət sosial yardımı təyin edilmişdir.",
        "ru": "Вашей семье назначена адресная государственная социальная помощь.",
        "en": "Your family is granted targeted state social assistance.",
    },
    "amount": {"az": "Aylıq məbləğ", "ru": "Сумма в месяц", "en": "Monthly amount"},
    "period": {"az": "Müddət", "ru": "Период", "en": "Period"},
    "refused": {
        "az": "Ailənizə ünvanlı dövlət sosial yardımının təyin edilməsindən imtina edilmişdir.",
        "ru": "В назначении адресной государственной социальной помощи вашей семье отказано.",
        "en": "Targeted state social assistance is refused to your family.",
    },
    "grounds": {"az": "İmtinanın əsasları", "ru": "Основания отказа", "en": "Grounds of refusal"},
    "how": {"az": "Qərar necə verilib", "ru": "Как принято решение", "en": "How it was decided"},
    "automatic": {
        "az": "Qərar dövlət reyestrlərinin məlumatları əsasında {version} qaydaları ilə "
        "avtomatik verilmişdir.",
        "ru": "Решение принято автоматически по данным государственных реестров по правилам "
        "{version}.",
        "en": "Decided automatically from the state registries' data by the eligibility rules "
        "{version}.",
    },
    "checked": {
        "az": "Qərar mütəxəssisin yoxladığı faktlar əsasında {version} qaydaları ilə verilmişdir.",
        "ru": "Решение принято по правилам {version} на фактах, проверенных специалистом.",
        "en": "Decided by the eligibility rules {version} on facts a caseworker checked.",
    },
    "appeal_heading": {"az": "Şikayət", "ru": "Обжалование", "en": "Appeal"},
    "appeal": {
        "az": "Bu qərardan {until} tarixinədək ({days} gün ərzində) Nazirliyə ({where}) və ya "
        "məhkəməyə şikayət verə bilərsiniz.",
        "ru": "Это решение можно обжаловать до {until} (в течение {days} дней) в Министерство "
        "({where}) или в суд.",
        "en": "You may appeal this decision by {until} (within {days} days) to the Ministry "
        "({where}) or to a court.",
    },
    "verify": {
        "az": "Məktubun həqiqiliyini yoxlamaq üçün QR kodu oxudun və ya kodu {url} ünvanında daxil "
        "edin: ",
        "ru": "Чтобы проверить подлинность письма, отсканируйте QR-код или введите код на {url}: ",
        "en": "To check this letter is genuine, scan the QR code or type the code at {url}: ",
    },
}


def text(key: str, language: str, **values) -> str:
    return TEXTS[key][language].format(**values)


# font, size, leading, space before, space after (points)
STYLES = {
    "title": (FONT_BOLD, 15, 19, 0, 6),
    "heading": (FONT_BOLD, 12, 15, 8, 2),
    "body": (FONT, 10, 13, 2, 0),
    "small": (FONT, 8, 10, 2, 0),
}


class Lines(Flowable):
    """A paragraph drawn straight on the canvas: runs of text, each in its own font, wrapped at
    the spaces to the frame's width and split between lines across pages. (A Paragraph parses
    its markup and measures and draws word by word: most of a letter's rendering time.)"""

    def __init__(self, runs, style="body", *, lines=None):
        super().__init__()
        self.runs = runs  # [(text, font)]
        self.style = style
        self.font, self.size, self.leading, before, after = STYLES[style]
        self.spaceBefore, self.spaceAfter = before, after
        self.lines = lines  # [[(text, font)]], once wrapped

    def wrap(self, available_width, available_height):
        if self.lines is None:
            self.lines = _wrap(self.runs, self.size, available_width)
        self.width = available_width
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fit = int(available_height // self.leading)
        if fit <= 0 or fit >= len(self.lines):
            return [] if fit <= 0 else [self]
        first = Lines(self.runs, self.style, lines=self.lines[:fit])
        first.spaceAfter = 0
        rest = Lines(self.runs, self.style, lines=self.lines[fit:])
        rest.spaceBefore = 0
        return [first, rest]

    def draw(self):
        words = self.canv.beginText(0, self.height - self.size)
        words.setLeading(self.leading)
        for line in self.lines:
            for run, font in line:
                words.setFont(font, self.size)
                words.textOut(run)
            words.textLine()
        self.canv.drawText(words)


def _wrap(runs, size, width) -> list[list[tuple[str, str]]]:
    """Runs of (text, font) broken into lines no wider than `width`, at spaces."""
    lines, line, used = [], [], 0.0
    for text_, font in runs:
        space = stringWidth(" ", font, size)
        for word in text_.split(" "):
            gap = space if used else 0.0
            wide = stringWidth(word, font, size)
            if used and used + gap + wide > width:
                lines.append(line)
                line, used, gap = [], 0.0, 0.0
            run = (" " if gap else "") + word
            if line and line[-1][1] == font:
                line[-1] = (line[-1][0] + run, font)
            else:
                line.append((run, font))
            used += gap + wide
    if line:
        lines.append(line)
    return lines


def para(value, style="body") -> Lines:
    font, *_rest = STYLES[style]
    return Lines([(str(value), font)], style)


def fact(label, value) -> Lines:
    """A label and its value in bold, on a line of their own."""
    return Lines([(f"{label}: ", FONT), (str(value), FONT_BOLD)])


@register_renderer(IssuedDocument.Kind.LETTER)
def render_letter(submission, code: str, verify_url: str) -> bytes:
    register_fonts()
    decision = submission.case.decision
    lang = submission.language if submission.language in ("az", "ru", "en") else "az"
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{text('title', lang)} {submission.reference}",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    )
    issuer = settings.DOCUMENTS["ISSUER"][lang]
    decided = timezone.localdate(decision.decided_at)
    declaration = read_declaration(submission.answers)
    applicant = declaration.applicant
    family = "; ".join(f"{m.surname} {m.name}, {m.pin}" for m in declaration.members)
    story = [
        para(issuer, "small"),
        Spacer(1, 3 * mm),
        para(text("title", lang), "title"),
        fact(text("reference", lang), submission.reference),
        fact(text("date", lang), day_in(decided, lang)),
        fact(text("applicant", lang), f"{applicant.surname} {applicant.name}, {applicant.pin}"),
        fact(text("family", lang), family or "—"),
        Spacer(1, 5 * mm),
    ]
    if decision.outcome == decision.Outcome.GRANTED:
        period = f"{day_in(decision.period_start, lang)} – {day_in(decision.period_end, lang)}"
        story += [
            para(text("granted", lang), "heading"),
            fact(text("amount", lang), azn(decision.monthly_amount, lang)),
            fact(text("period", lang), period),
        ]
    else:
        story += [para(text("refused", lang), "heading"), para(text("grounds", lang))]
        story += [para(f"• {ground_text(code_, lang)}") for code_ in decision.grounds]
    story += [Spacer(1, 4 * mm), para(text("how", lang), "heading")]
    story += [para(sentence) for sentence in decision.explanation_in(lang)]
    rules = "automatic" if decision.decided_by_id is None else "checked"
    story += [para(text(rules, lang, version=decision.rule_set.label), "small")]
    appeal = settings.DOCUMENTS["APPEAL"]
    until = day_in(decided + timedelta(days=appeal["DAYS"]), lang)
    where = appeal["WHERE"][lang]
    verify = text("verify", lang, url=verify_url.rsplit("/", 2)[0] + "/")
    story += [
        Spacer(1, 4 * mm),
        para(text("appeal_heading", lang), "heading"),
        para(text("appeal", lang, until=until, days=appeal["DAYS"], where=where)),
        Spacer(1, 6 * mm),
        Table(
            [[_qr(verify_url), Lines([(verify, FONT), (code, FONT_BOLD)], "small")]],
            colWidths=[QR_SIZE + 6 * mm, None],
            style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
