"""The rules' trace in words a citizen can follow, in Azerbaijani, Russian and English: the
numbers come from the trace of the computation (the same values the decision rests on), the
names, plates and addresses from the facts' evidence.

The sentences are kept here side by side in the three languages (a decision letter is a legal
text: its translations are reviewed together), not in the interface's message catalogues.
"""

import calendar
from datetime import date, timedelta
from decimal import Decimal

from .facts import Facts
from .variables.base import MONTHS_COUNTED

LANGUAGES = ("az", "ru", "en")

MONTHS = {
    "az": [
        "yanvar",
        "fevral",
        "mart",
        "aprel",
        "may",
        "iyun",
        "iyul",
        "avqust",
        "sentyabr",
        "oktyabr",
        "noyabr",
        "dekabr",
    ],
    "ru": [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
MONTHS_OF = {  # "1 ноября": Russian days take the genitive
    **MONTHS,
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
}

TEXTS = {
    "granted": {
        "az": (
            "Ailənin orta aylıq gəliri ({window}) {income} təşkil edir və ehtiyac meyarından, "
            "{size} × {criterion} = {total}, azdır: {start} – {end} dövrü üçün ayda {amount} "
            "məbləğində ünvanlı sosial yardım təyin edilir."
        ),
        "ru": (
            "Среднемесячный доход семьи ({window}) составляет {income} и ниже критерия "
            "нуждаемости {size} × {criterion} = {total}: назначена адресная социальная помощь "
            "{amount} в месяц с {start} по {end}."
        ),
        "en": (
            "Average family income {income} a month ({window}) is below {size} × {criterion} = "
            "{total}: assistance of {amount} a month from {start} to {end}."
        ),
    },
    "member_income": {
        "az": "{name}: 12 ayda {counted} (bəyan edilib {declared}; reyestrlərdə {registry}).",
        "ru": "{name}: {counted} за 12 месяцев (заявлено {declared}; по реестрам {registry}).",
        "en": "{name}: {counted} in the 12 months (declared {declared}; the registries show "
        "{registry}).",
    },
    "refused": {
        "az": "Ünvanlı sosial yardım təyin edilmir. Əsaslar:",
        "ru": "В назначении адресной социальной помощи отказано. Основания:",
        "en": "Assistance is refused, on these grounds:",
    },
    "undeclared_income": {
        "az": "1. Bəyannamə reyestrlərlə uyğun gəlmir: {name} üçün 12 ayda {declared} bəyan "
        "edilib, reyestrlər isə {registry} göstərir ({payers}).",
        "ru": "1. Декларация не совпадает с реестрами: за {name} за 12 месяцев заявлено "
        "{declared}, реестры показывают {registry} ({payers}).",
        "en": "1. The declaration does not match the registries: for {name} {declared} was "
        "declared for the 12 months; the registries show {registry} ({payers}).",
    },
    "undeclared_vehicles": {
        "az": "1. Bəyannamədə göstərilməyən nəqliyyat vasitəsi qeydiyyatdadır: {vehicles}.",
        "ru": "1. Зарегистрировано транспортное средство, не указанное в декларации: {vehicles}.",
        "en": "1. The road police register a vehicle the declaration leaves out: {vehicles}.",
    },
    "undeclared_dwellings": {
        "az": "1. Bəyannamədə {declared} yaşayış sahəsi göstərilib, daşınmaz əmlak reyestrində "
        "{registry}: {dwellings}.",
        "ru": "1. В декларации указано жилых помещений: {declared}, в реестре недвижимости: "
        "{registry} ({dwellings}).",
        "en": "1. The declaration gives {declared} dwelling(s); the real estate registry lists "
        "{registry}: {dwellings}.",
    },
    "barred": {
        "az": "1. Ailənin müraciəti {refused_on} tarixində yanlış məlumata görə rədd edilib; "
        "yeni müraciət {until} tarixindən mümkündür.",
        "ru": "1. Обращение семьи отклонено {refused_on} за ложные сведения; новое обращение "
        "возможно с {until}.",
        "en": "1. An application of the family was refused for false information on "
        "{refused_on}; a new one can be made from {until}.",
    },
    "income": {
        "az": "2. Ailənin orta aylıq gəliri ({window}) {income} təşkil edir və ehtiyac "
        "meyarından, {size} × {criterion} = {total}, az deyil.",
        "ru": "2. Среднемесячный доход семьи ({window}) {income} не ниже критерия нуждаемости "
        "{size} × {criterion} = {total}.",
        "en": "2. Average family income {income} a month ({window}) is not below {size} × "
        "{criterion} = {total}.",
    },
    "purchases_and_sales": {
        "az": "3. Son 12 ayda alqı-satqı əməliyyatları ({deals}) {limit} həddini "
        "({times} × yaşayış minimumu {minimum}) aşır.",
        "ru": "3. Сделки купли-продажи за последние 12 месяцев ({deals}) превышают {limit} "
        "({times} × прожиточный минимум {minimum}).",
        "en": "3. Purchases and sales in the last 12 months ({deals}) exceed {limit} ({times} × "
        "the subsistence minimum of {minimum}).",
    },
    "vehicle": {
        "az": "4. Ailənin mülkiyyətində və ya istifadəsində nəqliyyat vasitəsi var: {vehicles}.",
        "ru": "4. Семья владеет транспортным средством или пользуется им: {vehicles}.",
        "en": "4. The family owns or uses a vehicle: {vehicles}.",
    },
    "no_reason_for_not_working": {
        "az": "5. {name} ({age} yaş) əmək qabiliyyətlidir, işləmir və qanunla qəbul edilən "
        "səbəbi yoxdur.",
        "ru": "5. {name} ({age} лет) трудоспособен(на), не работает и не имеет уважительной "
        "причины.",
        "en": "5. {name} ({age}) is able to work, of working age, does not work and has no "
        "reason the law accepts.",
    },
    "refused_jobs": {
        "az": "5. {name} məşğulluq orqanının {count} uyğun iş təklifindən imtina edib.",
        "ru": "5. {name} отказался(лась) от {count} подходящих предложений работы.",
        "en": "5. {name} refused {count} suitable job offers from the employment agency.",
    },
    "utility_costs": {
        "az": "6. Kommunal və rabitə xərcləri ayda {costs}, adambaşına {per_person} təşkil edir "
        "və {limit} həddindən ({share} × yaşayış minimumu {minimum}) az deyil.",
        "ru": "6. Расходы на коммунальные услуги и связь {costs} в месяц, {per_person} на "
        "человека, не ниже {limit} ({share} × прожиточный минимум {minimum}).",
        "en": "6. Utility and communication costs of {costs} a month, {per_person} a person, "
        "are not below {limit} ({share} × the subsistence minimum of {minimum}).",
    },
    "several_dwellings": {
        "az": "7. Ailənin fərqli ünvanlarda eyni təyinatlı iki və ya daha çox yaşayış sahəsi "
        "var: {dwellings}.",
        "ru": "7. У семьи два или более помещения одного назначения по разным адресам: "
        "{dwellings}.",
        "en": "7. The family has two or more dwellings of the same purpose at different "
        "addresses: {dwellings}.",
    },
}


def azn(amount, language: str) -> str:
    """12345.6 → "12,345.60 AZN" (en) or "12 345,60 AZN" (az, ru)."""
    text = f"{Decimal(amount):,.2f}"
    if language != "en":
        text = text.replace(",", " ").replace(".", ",")
    return f"{text} AZN"


def qepiks_in(amount_qepiks, language: str) -> str:
    return azn(Decimal(amount_qepiks) / 100, language)


def day_in(day: date, language: str) -> str:
    if language == "en":
        return f"{day.day} {MONTHS['en'][day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS_OF[language][day.month - 1]} {day.year}"


def month_in(year: int, month: int, language: str) -> str:
    return f"{MONTHS[language][month - 1]} {year}"


def assignment_period(application_date: date, months: int) -> tuple[date, date]:
    """From the 1st of the month of application, for `months` months."""
    start = application_date.replace(day=1)
    year, month = divmod(start.month - 1 + months, 12)
    return start, date(start.year + year, month + 1, 1) - timedelta(days=1)


class Trace:
    """Reading one family's values out of its computation trace."""

    def __init__(self, trace: dict, facts: Facts):
        self.trace = trace
        self.month = facts.application_date.strftime("%Y-%m")
        self.pins = [person["id"] for person in facts.persons]

    def value(self, name: str):
        return self.trace[f"{name}<{self.month}>"]["value"]

    def of(self, name: str, pin: str):
        return self.value(name)[self.pins.index(pin)]

    def parameter(self, variable: str, name: str):
        """A parameter's value as the formula of `variable` read it."""
        for key, value in self.trace[f"{variable}<{self.month}>"]["parameters"].items():
            if key.split("<", 1)[0].lstrip(".") == name:
                return value
        raise KeyError(name)


def explain(
    trace: dict, facts: Facts, grounds: list[str], *, member_incomes=True
) -> dict[str, list[str]]:
    """{language: [sentence, …]} for a granted family or for every ground of a refusal; with
    each member's income counted unless `member_incomes` is off."""
    t = Trace(trace, facts)
    return {
        language: _sentences(t, facts, grounds, language, member_incomes) for language in LANGUAGES
    }


def _sentences(t: Trace, facts: Facts, grounds: list[str], lang: str, member_incomes) -> list[str]:
    def say(key, **values):
        return TEXTS[key][lang].format(**values)

    def money(name_or_value):
        value = t.value(name_or_value) if isinstance(name_or_value, str) else name_or_value
        return qepiks_in(value, lang)

    def name(pin):
        """A person's name; the evidence may give it per language ({"az": …, "ru": …})."""
        value = facts.evidence.get("names", {}).get(pin, pin)
        return value.get(lang, pin) if isinstance(value, dict) else value

    income = {
        "window": _window(facts.application_date, lang),
        "income": money("average_monthly_income"),
        "size": t.value("family_size"),
        "criterion": money("need_criterion"),
        "total": money("need_criterion_total"),
    }
    members = [
        say(
            "member_income",
            name=name(pin),
            counted=money(t.of("income_12_months", pin)),
            declared=money(t.of("declared_income_12_months", pin)),
            registry=money(t.of("registry_income_12_months", pin)),
        )
        for pin in t.pins
        if member_incomes and t.of("income_12_months", pin)
    ]
    if not grounds:
        start, end = assignment_period(facts.application_date, t.value("assignment_months"))
        granted = say(
            "granted",
            **income,
            amount=money("monthly_benefit"),
            start=day_in(start, lang),
            end=day_in(end, lang),
        )
        return [granted, *members]

    lines = [say("refused")]
    evidence = facts.evidence
    if "false_information" in grounds:
        for pin in t.pins:
            if t.of("undeclared_income", pin):
                lines.append(
                    say(
                        "undeclared_income",
                        name=name(pin),
                        declared=money(t.of("declared_income_12_months", pin)),
                        registry=money(t.of("registry_income_12_months", pin)),
                        payers="; ".join(evidence.get("payers", {}).get(pin, [])),
                    )
                )
        if facts.family.get("undeclared_vehicles"):
            lines.append(say("undeclared_vehicles", vehicles="; ".join(evidence["vehicles"])))
        registry_homes = facts.family.get("registry_residential_dwellings", 0)
        declared_homes = facts.family.get("declared_dwellings", 0)
        if registry_homes > declared_homes:
            lines.append(
                say(
                    "undeclared_dwellings",
                    declared=declared_homes,
                    registry=registry_homes,
                    dwellings=_dwellings(evidence, lang),
                )
            )
        if t.value("barred_after_false_information"):
            refused_on = date.fromisoformat(facts.family["refused_for_false_information_on"])
            months = t.parameter("barred_after_false_information", "false_information_bar_months")
            until = _months_later(refused_on, months)
            lines.append(
                say("barred", refused_on=day_in(refused_on, lang), until=day_in(until, lang))
            )
    if "income" in grounds:
        lines.append(say("income", **income))
        lines += members
    if "purchases_and_sales" in grounds:
        minimum = t.parameter("refusal_purchases_and_sales", "subsistence_minimum.country_wide")
        times = t.parameter("refusal_purchases_and_sales", "deals_limit_in_subsistence_minimums")
        deals = "; ".join(f"{d['day']} {azn(d['amount'], lang)}" for d in evidence.get("deals", []))
        lines.append(
            say(
                "purchases_and_sales",
                deals=deals or money("deals_12_months"),
                limit=azn(Decimal(str(minimum)) * times, lang),
                times=times,
                minimum=azn(Decimal(str(minimum)), lang),
            )
        )
    if "vehicle" in grounds:
        listed = evidence.get("vehicles") or evidence.get("declared_vehicles") or ["—"]
        lines.append(say("vehicle", vehicles="; ".join(listed)))
    if "no_reason_for_not_working" in grounds:
        for pin in t.pins:
            if not t.of("able_bodied_without_reason", pin):
                continue
            person = next(p for p in facts.persons if p["id"] == pin)
            if t.of("refused_suitable_jobs", pin):
                count = person["inputs"].get("refused_job_offers", 0)
                lines.append(say("refused_jobs", name=name(pin), count=count))
            else:
                lines.append(say("no_reason_for_not_working", name=name(pin), age=t.of("age", pin)))
    if "utility_costs" in grounds:
        minimum = t.parameter("refusal_utility_costs", "subsistence_minimum.country_wide")
        share = t.parameter("refusal_utility_costs", "utility_costs_share")
        costs = t.value("utility_and_communication_costs")
        limit = (Decimal(str(minimum)) * Decimal(str(share))).quantize(Decimal("0.01"))
        lines.append(
            say(
                "utility_costs",
                costs=money(costs),
                per_person=money(round(costs / max(1, t.value("family_size")))),
                limit=azn(limit, lang),
                share=f"{(Decimal(str(share)) * 100).normalize():f}%",
                minimum=azn(Decimal(str(minimum)), lang),
            )
        )
    if "several_dwellings" in grounds:
        lines.append(say("several_dwellings", dwellings=_dwellings(evidence, lang)))
    return lines


PURPOSES = {
    "residential": {"az": "yaşayış", "ru": "жилое", "en": "residential"},
    "commercial": {"az": "qeyri-yaşayış", "ru": "нежилое", "en": "commercial"},
}


def _dwellings(evidence: dict, lang: str) -> str:
    return "; ".join(
        f"{d['address']} ({PURPOSES.get(d['purpose'], {}).get(lang, d['purpose'])})"
        for d in evidence.get("dwellings", [])
    )


def _window(application_date: date, lang: str) -> str:
    """ "Nov 2025 – Oct 2026": the 12 whole months before the month of the application."""
    month_index = application_date.year * 12 + application_date.month - 1
    first = divmod(month_index - MONTHS_COUNTED, 12)
    last = divmod(month_index - 1, 12)
    return f"{month_in(first[0], first[1] + 1, lang)} – {month_in(last[0], last[1] + 1, lang)}"


def _months_later(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day where it is shorter."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


GROUND_TEXTS = {
    "false_information": {
        "az": "Bəyannamədəki məlumatlar dövlət reyestrlərinin məlumatlarına uyğun gəlmir",
        "ru": "Сведения декларации не совпадают с данными государственных реестров",
        "en": "The declaration does not match the state registries",
    },
    "income": {
        "az": "Ailənin orta aylıq gəliri ehtiyac meyarından az deyil",
        "ru": "Среднемесячный доход семьи не ниже критерия нуждаемости",
        "en": "The family's average monthly income is not below its need criterion",
    },
    "purchases_and_sales": {
        "az": "Son 12 ayda alqı-satqı əməliyyatları müəyyən edilmiş həddi aşır",
        "ru": "Сделки купли-продажи за 12 месяцев превышают установленный предел",
        "en": "Purchases and sales in the last 12 months exceed the limit",
    },
    "vehicle": {
        "az": "Ailənin nəqliyyat vasitəsi var",
        "ru": "У семьи есть транспортное средство",
        "en": "The family owns or uses a vehicle",
    },
    "no_reason_for_not_working": {
        "az": "Əmək qabiliyyətli ailə üzvü üzrlü səbəb olmadan işləmir",
        "ru": "Трудоспособный член семьи не работает без уважительной причины",
        "en": "An able-bodied member of working age does not work without a valid reason",
    },
    "utility_costs": {
        "az": "Kommunal və rabitə xərcləri müəyyən edilmiş həddən az deyil",
        "ru": "Расходы на коммунальные услуги и связь не ниже установленного предела",
        "en": "Utility and communication costs are at or above the limit",
    },
    "several_dwellings": {
        "az": "Ailənin fərqli ünvanlarda eyni təyinatlı iki və ya daha çox yaşayış sahəsi var",
        "ru": "У семьи два или более помещения одного назначения по разным адресам",
        "en": "The family has two or more dwellings of the same purpose at different addresses",
    },
}


def ground_text(code: str, language: str) -> str:
    texts = GROUND_TEXTS[code]
    return texts.get(language[:2], texts["az"])
