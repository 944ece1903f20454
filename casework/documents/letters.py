"""The decision letter (ReportLab, the shipped DejaVu font), in the applicant's language: the
ministry's header, the reference, the family, the outcome with the amount and period or every
ground with its evidence, the explanation from the rules' trace, the rule set, how and by when to
appeal, and a QR code with a short code that open /verify/.

Its sentences are kept side by side in the three languages, as the explanation's are: a letter is
a legal text whose translations are reviewed together."""

import io
from datetime import timedelta
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from forms_app.documents.pdf import FONT_BOLD, styles
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


@register_renderer(IssuedDocument.Kind.LETTER)
def render_letter(submission, code: str, verify_url: str) -> bytes:
    decision = submission.case.decision
    lang = submission.language if submission.language in ("az", "ru", "en") else "az"
    s = styles()
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

    def para(value, style="body"):
        return Paragraph(escape(str(value)), s[style])

    def facts(rows):
        # Label and value a line each: lighter to lay out than a table, as legible on paper.
        return [
            Paragraph(
                f"{escape(str(label))}: <font face='{FONT_BOLD}'>{escape(str(value))}</font>",
                s["body"],
            )
            for label, value in rows
        ]

    story = [
        para(issuer, "small"),
        Spacer(1, 3 * mm),
        para(text("title", lang), "title"),
        *facts(
            [
                (text("reference", lang), submission.reference),
                (text("date", lang), day_in(decided, lang)),
                (
                    text("applicant", lang),
                    f"{declaration.applicant.surname} {declaration.applicant.name}, "
                    f"{declaration.applicant.pin}",
                ),
                (
                    text("family", lang),
                    "; ".join(f"{m.surname} {m.name}, {m.pin}" for m in declaration.members) or "—",
                ),
            ]
        ),
        Spacer(1, 5 * mm),
    ]
    if decision.outcome == decision.Outcome.GRANTED:
        story += [
            para(text("granted", lang), "heading"),
            *facts(
                [
                    (text("amount", lang), azn(decision.monthly_amount, lang)),
                    (
                        text("period", lang),
                        f"{day_in(decision.period_start, lang)} – "
                        f"{day_in(decision.period_end, lang)}",
                    ),
                ]
            ),
        ]
    else:
        story += [para(text("refused", lang), "heading"), para(text("grounds", lang), "body")]
        story += [para(f"• {ground_text(code_, lang)}") for code_ in decision.grounds]
    story += [Spacer(1, 4 * mm), para(text("how", lang), "heading")]
    story += [para(sentence) for sentence in decision.explanation_in(lang)]
    rules = "automatic" if decision.decided_by_id is None else "checked"
    story += [para(text(rules, lang, version=decision.rule_set.label), "small")]
    appeal = settings.DOCUMENTS["APPEAL"]
    story += [
        Spacer(1, 4 * mm),
        para(text("appeal_heading", lang), "heading"),
        para(
            text(
                "appeal",
                lang,
                until=day_in(decided + timedelta(days=appeal["DAYS"]), lang),
                days=appeal["DAYS"],
                where=appeal["WHERE"][lang],
            )
        ),
        Spacer(1, 6 * mm),
        Table(
            [
                [
                    _qr(verify_url),
                    Paragraph(
                        escape(text("verify", lang, url=verify_url.rsplit("/", 2)[0] + "/"))
                        + f"<font face='{FONT_BOLD}'>{code}</font>",
                        s["small"],
                    ),
                ]
            ],
            colWidths=[QR_SIZE + 6 * mm, None],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
