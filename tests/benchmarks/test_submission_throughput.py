"""Submission throughput through the real HTTP stack (gunicorn, sessions, CSRF, the database),
ours against a plain Wagtail form page with as many fields.

Ours: each citizen opens the service page, starts, posts every step of the seeded declaration
(4 family members, 4 incomes), reaches "check your answers", submits and lands on the
confirmation: about 20 requests, following redirects as a browser does. The baseline: a
`wagtail.contrib.forms` page with one flat field per input field of our declaration (a group's
fields once per item, 4 items): one GET for the form and its CSRF token, one POST.
"""

import os
import re
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.db import connection
from wagtail.contrib.forms.models import FormSubmission

from forms_app.models import EServicePage, Submission
from forms_app.schema.definition import GroupDefinition, localised
from pages.models import FeedbackFormField, FeedbackFormPage, HomePage
from tests.forms_app.declaration import SERVICE_URL, STEPS, family, group, next_pin

from .figures import heading, line, percentile

DECLARATIONS = int(os.environ.get("BENCH_DECLARATIONS", "40"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
GROUP_ITEMS = 4

FAMILY_OF_FOUR = family(
    {
        "pin": "7KQ2M1A",
        "last_name": "Əliyev",
        "first_name": "Rəşad",
        "patronymic": "Kamal oğlu",
        "birth_date": "1983-06-01",
        "relation": "spouse",
        "status": "unemployed",
    },
    {
        "pin": "3ZX9P0B",
        "last_name": "Əliyeva",
        "first_name": "Aysel",
        "birth_date": "2005-09-10",
        "relation": "child",
        "status": "student",
        "institution": "Bakı Dövlət Universiteti",
    },
    {
        "pin": "4MN8R2C",
        "last_name": "Əliyev",
        "first_name": "Tural",
        "birth_date": "2019-02-21",
        "relation": "child",
        "status": "child",
    },
    {
        "pin": "9HT5W7D",
        "last_name": "Məmmədova",
        "first_name": "Zərifə",
        "birth_date": "1951-11-30",
        "relation": "parent",
        "status": "pensioner",
    },
)


def incomes(*items):
    return group("incomes", items, has_income="yes")


INCOMES_OF_FOUR = incomes(
    {"member_pin": "5ZJBKQG", "type": "salary", "amount_12_months": "3600", "source": "Metro"},
    {"member_pin": "9HT5W7D", "type": "pension", "amount_12_months": "3120", "source": "DSMF"},
    {"member_pin": "3ZX9P0B", "type": "benefit", "amount_12_months": "600", "source": "Təqaüd"},
    {"member_pin": "7KQ2M1A", "type": "agriculture", "amount_12_months": "450"},
)
STEPS_OF_FOUR = [
    (name, {"family": FAMILY_OF_FOUR, "incomes": INCOMES_OF_FOUR}.get(name, data))
    for name, data in STEPS
]

# The Wagtail form builder's nearest type for each of ours (the rest are single-line text).
FORMPAGE_TYPES = {
    "long_text": "multiline",
    "address": "multiline",
    "email": "email",
    "integer": "number",
    "decimal": "number",
    "money": "number",
    "date": "date",
    "single_choice": "dropdown",
    "multiple_choice": "checkboxes",
    "yes_no": "radio",
    "consent": "checkbox",
}
FORMPAGE_ANSWERS = {
    "singleline": "Əliyeva",
    "multiline": "Bakı, Nəsimi r., Səməd Vurğun küç. 12, m. 5",
    "email": "gulshen@example.az",
    "number": "120.50",
    "date": "2015-09-10",
    "checkbox": "on",
}
THANK_YOU = "Rəyiniz qəbul olundu."

HIDDEN_INPUT = re.compile(r'name="(csrfmiddlewaretoken|draft)" value="([^"]*)"')
ROUTES = ("start", "step", "check", "confirmation")


class Browser:
    """One visitor's browser: its own cookies, follows redirects, and posts a page's form back
    with the page's hidden inputs (the CSRF token, the draft's id). `timings` holds
    (route, seconds) for every request, redirects included."""

    def __init__(self, base_url):
        self.origin = base_url
        self.http = httpx.Client(base_url=base_url, follow_redirects=True, timeout=60)
        self.page = None
        self.timings = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.http.close()

    @property
    def path(self) -> str:
        return self.page.url.path

    def get(self, path):
        self._load(self.http.get(path))

    def submit(self, action, data=None):
        hidden = dict(HIDDEN_INPUT.findall(self.page.text))
        self._load(
            self.http.post(action, data={**hidden, **(data or {})}, headers={"Origin": self.origin})
        )

    def _load(self, response):
        response.raise_for_status()
        for r in [*response.history, response]:
            self.timings.append((route(r.request), r.elapsed.total_seconds()))
        self.page = response


def route(request) -> str:
    """ "POST step", "GET check", …; "page" for anything else (the service or feedback page)."""
    path = request.url.path
    name = next((n for n in ROUTES if f"/{n}/" in path), "page")
    return f"{request.method} {name}"


def of_another_family(steps):
    """The same declaration from an applicant of its own: one applicant has one open application."""
    pin, applicant = next_pin(), dict(steps)["applicant"]["pin"]
    return [
        (name, {k: (pin if v == applicant else v) for k, v in data.items()}) for name, data in steps
    ]


def apply_online(base_url):
    """A citizen's whole declaration, page by page; returns the timings of its requests."""
    with Browser(base_url) as browser:
        browser.get(SERVICE_URL)
        browser.submit(SERVICE_URL + "start/")
        for name, data in of_another_family(STEPS_OF_FOUR):
            step_url = f"{SERVICE_URL}step/{name}/"
            assert browser.path == step_url, f"expected {step_url}, got {browser.path}"
            browser.submit(step_url, data)
        assert browser.path == SERVICE_URL + "check/", browser.path
        browser.submit(SERVICE_URL + "check/")
        assert "/confirmation/" in browser.path, browser.path
        return browser.timings


def send_feedback(base_url, path, data):
    with Browser(base_url) as browser:
        browser.get(path)
        browser.submit(path, data)
        assert THANK_YOU in browser.page.text
        return browser.timings


def flat_fields(definition):
    """(label, field definition) for every input of the declaration: a group's once per item."""
    fields = []
    for step in definition.steps:
        for item in step.items:
            if isinstance(item, GroupDefinition):
                for number in range(1, GROUP_ITEMS + 1):
                    prefix = f"{localised(item.item_label, 'en')} {number}: "
                    fields += [(prefix + localised(f.label, "en"), f) for f in item.input_fields]
            elif item.is_input:
                fields.append((localised(item.label, "en"), item))
    return fields


def formpage_field(label, definition) -> FeedbackFormField:
    choices = ""
    if definition.type == "yes_no":
        choices = "yes\nno"
    elif definition.type in ("single_choice", "multiple_choice"):
        choices = "\n".join(option["value"] for option in definition.options["options"])
    return FeedbackFormField(
        label=label,
        field_type=FORMPAGE_TYPES.get(definition.type, "singleline"),
        required=definition.required,
        choices=choices,
    )


def feedback_page_like(definition) -> FeedbackFormPage:
    home = HomePage.objects.get(locale__language_code="az")
    page = FeedbackFormPage(
        title="Benchmark feedback", slug="benchmark-feedback", thank_you_text=f"<p>{THANK_YOU}</p>"
    )
    page.form_fields = [formpage_field(label, f) for label, f in flat_fields(definition)]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def formpage_answers(page) -> dict:
    data = {}
    for f in page.form_fields.all():
        if f.field_type in ("dropdown", "radio", "checkboxes"):
            first = f.choices.splitlines()[0]
            data[f.clean_name] = [first] if f.field_type == "checkboxes" else first
        else:
            data[f.clean_name] = FORMPAGE_ANSWERS[f.field_type]
    return data


def run(task, count, clients):
    """`count` tasks on `clients` threads: (wall seconds, seconds of each task, their results)."""

    def timed(_):
        start = time.perf_counter()
        result = task()
        return time.perf_counter() - start, result

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        outcomes = list(pool.map(timed, range(count)))
    return time.perf_counter() - start, [s for s, _ in outcomes], [r for _, r in outcomes]


def by_route(results) -> dict[str, float]:
    """The median milliseconds of each route's requests, in the order a visitor meets them."""
    seconds = {}
    for timings in results:
        for name, elapsed in timings:
            seconds.setdefault(name, []).append(elapsed)
    return {name: 1000 * statistics.median(values) for name, values in seconds.items()}


@pytest.mark.benchmark
def test_submission_throughput_against_a_wagtail_form_page(web_server):
    service = EServicePage.objects.get(locale__language_code="en", reference_prefix="UDSY")
    definition = service.current_form_version().definition
    feedback = feedback_page_like(definition)
    field_count = feedback.form_fields.count()
    feedback_data = formpage_answers(feedback)
    assert len(feedback_data) == field_count  # every label gave its own field name

    def ours():
        return apply_online(web_server.url)

    def baseline():
        return send_feedback(web_server.url, feedback.url, feedback_data)

    # Untimed: every gunicorn worker loads its code and templates, and opens its connection.
    warm_up = 2 * web_server.workers
    submissions_before = Submission.objects.count()
    run(ours, warm_up, CLIENTS)
    run(baseline, warm_up, CLIENTS)

    load = os.getloadavg()[0]
    ours_wall, ours_seconds, ours_results = run(ours, DECLARATIONS, CLIENTS)
    base_wall, base_seconds, base_results = run(baseline, DECLARATIONS, CLIENTS)

    assert Submission.objects.count() - submissions_before == warm_up + DECLARATIONS
    assert FormSubmission.objects.filter(page=feedback).count() == warm_up + DECLARATIONS

    ours_rate, base_rate = DECLARATIONS / ours_wall, DECLARATIONS / base_wall
    heading(
        f"Submission throughput: {DECLARATIONS} submissions each, {CLIENTS} clients, gunicorn "
        f"× {web_server.workers} workers, {connection.vendor}, {os.cpu_count()} CPUs, "
        f"load average {load:.1f} before"
    )
    line("input fields", ours=field_count, wagtail_formpage=field_count)
    line(
        "requests/submission",
        ours=len(ours_results[0]),
        wagtail_formpage=len(base_results[0]),
    )
    line("submissions/s", ours=ours_rate, wagtail_formpage=base_rate, ratio=ours_rate / base_rate)
    for q in (50, 95):
        line(
            f"p{q} latency (s)",
            ours=percentile(ours_seconds, q),
            wagtail_formpage=percentile(base_seconds, q),
        )
    print("p50 ms per request, by route:")
    line("  ours", **by_route(ours_results))
    line("  wagtail-formpage", **by_route(base_results))
