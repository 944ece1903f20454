"""The admin, the status look-ups and the API with years of applications in the database: fills
PostgreSQL with BENCH_GROWTH_ROWS submissions (3,000,000 by default; 300,000 for a quick run),
each with its case, its applicant's member row and, for a decided case, its decision, straight
in SQL (INSERT … SELECT generate_series); then times each admin list, the searches, the status
page and the API (median of BENCH_GROWTH_ROUNDS), each with its query count. The goal is every
one under 300 ms at 3 million.

The generated rows look like real ones where a query looks: references UDSY-2020-000001 … (half a
million a year, 2020 onwards), a FİN per applicant, statuses, deadlines, districts and outcomes
in realistic shares, a submission every 30 seconds; half the flagged cases and a twentieth of
the closed ones claimed by the caseworker (who decided the closed ones), each of those with
what flagged it. Answers hold the applicant only (a real declaration is about 2 kB more of JSON,
which no listed query reads).

A fill of 3 million takes 8–25 minutes here. BENCH_GROWTH_KEEP=1 with pytest's --reuse-db keeps it:
the test database is neither emptied after the test nor dropped after the session, and a later
run that finds the same fill measures it again without filling (new migrations are applied to
it first, as --reuse-db does). Run this file alone then: another benchmark's transactional test
would empty the database.

BENCH_GROWTH_QUERIES=1 also prints every statement of each page with its milliseconds.
"""

import json
import os
import statistics
import time
import uuid
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client, TransactionTestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_q.conf import Conf

from casework.models import CaseMember, RuleParametersVersion
from casework.services.rules import rule_set_for
from forms_app.models import EServicePage, Submission
from tests.forms_app import declaration as d

from .figures import heading, line

pytestmark = [pytest.mark.benchmark, pytest.mark.postgres]

ROWS = int(os.environ.get("BENCH_GROWTH_ROWS", "3000000"))
ROUNDS = int(os.environ.get("BENCH_GROWTH_ROUNDS", "5"))
KEEP = os.environ.get("BENCH_GROWTH_KEEP") == "1"
SHOW_QUERIES = os.environ.get("BENCH_GROWTH_QUERIES") == "1"
PER_YEAR = 500_000
FIRST_YEAR = 2020
SLUG = "unvanli-dovlet-sosial-yardimi"


def reference(n: int) -> str:
    """The reference the fill gives row n (1-based)."""
    return f"UDSY-{FIRST_YEAR + (n - 1) // PER_YEAR}-{(n - 1) % PER_YEAR + 1:06d}"


def pin(n: int) -> str:
    """The applicant's FİN of row n: "G" and 6 hex digits, a bijection of n (no test applicant's
    FİN starts with G)."""
    return "G" + f"{(n * 2654435761) % (1 << 24):06X}"


FILL = """
INSERT INTO forms_app_submission (public_id, service_id, reference, channel, language,
    form_version_id, answers, branch, digest, idempotency_key, submitted_at)
SELECT gen_random_uuid(), %(service)s,
    'UDSY-' || ({first_year} + (n - 1) / {per_year}) || '-'
        || lpad(((n - 1) %% {per_year} + 1)::text, 6, '0'),
    (ARRAY['online', 'api', 'post_office'])[1 + n %% 3], 'az', %(version)s,
    jsonb_build_object('pin', 'G' || lpad(upper(to_hex((n * 2654435761) %% 16777216)), 6, '0'),
        'last_name', (ARRAY['Məmmədov', 'Əliyeva', 'Hüseynov', 'Quliyeva'])[1 + n %% 4],
        'first_name', (ARRAY['Rəşad', 'Gülşən', 'Tural', 'Aysel', 'Kamal'])[1 + n %% 5]),
    '', md5(n::text) || md5((n + 1)::text), '',
    now() - make_interval(secs => (%(rows)s - n) * 30.0)
FROM generate_series(1, %(rows)s) AS n;

INSERT INTO casework_case (submission_id, reference, status, received_at, status_changed_at,
    discrepancies, due_date, district, waiting_for, registry_attempts, enqueued_at, holder_id,
    claimed_at)
SELECT s.id, s.reference,
    CASE WHEN s.id > %(open_after)s
        THEN (ARRAY['received', 'enriched', 'flagged', 'flagged', 'decided'])[1 + s.id %% 5]
        ELSE 'closed' END,
    s.submitted_at, s.submitted_at, '[]'::jsonb,
    (s.submitted_at + interval '21 days')::date,
    (ARRAY['Nəsimi', 'Yasamal', 'Sabunçu', 'Binəqədi', 'Gəncə', 'Sumqayıt', 'Lənkəran'])[
        1 + s.id %% 7],
    '[]'::jsonb, 0, s.submitted_at,
    CASE WHEN s.held THEN %(caseworker)s END,
    CASE WHEN s.held THEN s.submitted_at + interval '3 days' END
FROM (SELECT *,
        -- Claimed by the caseworker: half the flagged cases, and a twentieth of the closed ones
        -- (flagged once, then decided by a person).
        CASE WHEN id > %(open_after)s THEN id %% 5 = 2 ELSE id %% 20 = 0 END AS held
    FROM forms_app_submission WHERE id > %(first_id)s) AS s;

INSERT INTO casework_caseflag (case_id, kind, registry, pin, detail, raised_at)
SELECT c.id, (ARRAY['registry_unreachable', 'member_deceased', 'member_unknown',
        'member_registered_elsewhere', 'rules'])[1 + c.id / 5 %% 5],
    CASE WHEN c.id / 5 %% 5 = 0 THEN 'tax' ELSE '' END, '', '', c.received_at + interval '1 day'
FROM casework_case c
WHERE c.submission_id > %(first_id)s AND (c.status = 'flagged' OR c.holder_id IS NOT NULL);

INSERT INTO casework_casemember (case_id, pin, is_applicant)
SELECT c.id, s.answers ->> 'pin', true
FROM casework_case c JOIN forms_app_submission s ON s.id = c.submission_id
WHERE s.id > %(first_id)s;

INSERT INTO casework_decision (case_id, outcome, monthly_amount, period_start, period_end,
    grounds, rule_set_id, facts, trace, explanation, decided_at, decided_by_id)
SELECT c.id, CASE WHEN c.id %% 3 = 0 THEN 'refused' ELSE 'granted' END,
    CASE WHEN c.id %% 3 = 0 THEN NULL ELSE 180.00 END,
    c.due_date, c.due_date + 365,
    CASE WHEN c.id %% 3 = 0 THEN '["income"]'::jsonb ELSE '[]'::jsonb END,
    %(rule_set)s, '{{}}'::jsonb, '{{}}'::jsonb, '{{}}'::jsonb,
    c.received_at + interval '12 days', c.holder_id
FROM casework_case c JOIN forms_app_submission s ON s.id = c.submission_id
WHERE s.id > %(first_id)s AND c.status IN ('decided', 'closed');
"""


def fill(rows: int) -> float:
    """Fills `rows` submissions and their cases; the seconds it took."""
    start = time.perf_counter()
    service = EServicePage.objects.get(locale__language_code="az", slug=SLUG)
    version = service.current_form_version()
    rule_set = rule_set_for(RuleParametersVersion.objects.order_by("-pk").first())
    first_id = Submission.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # The last 2 % are still open: received, enriched, flagged, decided (its letter pending).
    open_after = first_id + int(rows * 0.98)
    params = {
        "service": service.pk,
        "version": version.pk,
        "rows": rows,
        "first_id": first_id,
        "open_after": open_after,
        "rule_set": rule_set.pk,
        "caseworker": get_user_model().objects.get(username="caseworker").pk,
    }
    sql = FILL.format(first_year=FIRST_YEAR, per_year=PER_YEAR)
    with connection.cursor() as cursor:
        for statement in filter(str.strip, sql.split(";")):
            cursor.execute(statement, params)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # committed (a transactional test): as a live database
    return time.perf_counter() - start


def kept_fill(rows: int) -> bool:
    """Whether the database holds the fill of `rows` an earlier run kept (BENCH_GROWTH_KEEP)."""

    def filled(n: int) -> bool:  # row n of a fill (the API's own submissions have other FİNs)
        return Submission.objects.filter(reference=reference(n), answers__pin=pin(n)).exists()

    if not filled(1):
        return False
    if not filled(rows) or filled(rows + 1):
        pytest.fail(f"The kept test database holds another fill than {rows:,} rows: --create-db")
    return True


@pytest.fixture
def kept_when_asked(request):
    """With BENCH_GROWTH_KEEP=1, the database is not emptied after the test. Set up before the
    transactional test's fixture, so that it is still in place when that one flushes."""
    if not KEEP:
        yield
        return
    if not request.config.getoption("reuse_db"):
        pytest.fail("BENCH_GROWTH_KEEP=1 needs --reuse-db, or the test database is dropped")
    with mock.patch.object(TransactionTestCase, "_fixture_teardown", lambda self: None):
        yield


@pytest.fixture
def filled_site(kept_when_asked, live_demo_site):
    """The demo site and BENCH_GROWTH_ROWS filled, committed; the seconds the fill took (None
    when an earlier run's fill was kept)."""
    return None if KEEP and kept_fill(ROWS) else fill(ROWS)


def timed(func, rounds=ROUNDS):
    """(median milliseconds, the statements of one call, what the call returned)."""
    func()  # untimed: templates loaded, caches warm
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        seconds.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        result = func()
    return 1000 * statistics.median(seconds), queries.captured_queries, result


def get_ok(client, url, **params):
    def view():
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)

    return view


def with_empty_cache(view):
    """The view as its first call after the cache was emptied (the SLA board keeps the days gone
    by there)."""

    def cold():
        cache.clear()
        return view()

    return cold


def test_growth(filled_site, settings, monkeypatch):
    settings.FORMS_APP = {**settings.FORMS_APP, "API_SUBMISSIONS_PER_MINUTE": 10**9}
    monkeypatch.setattr(Conf, "SYNC", False)  # the API's task is queued, not run here
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        (size,) = cursor.fetchone()

    users = get_user_model().objects
    admin, supervisor, caseworker, newcomer = Client(), Client(), Client(), Client()
    admin.force_login(users.get(username="admin"))
    supervisor.force_login(users.get(username="supervisor"))
    caseworker.force_login(users.get(username="caseworker"))
    # A caseworker who has claimed nothing yet: the queue's plan depends on what they hold.
    new_caseworker, _ = users.get_or_create(username="new-caseworker")
    new_caseworker.groups.add(Group.objects.get(name="Caseworkers"))
    newcomer.force_login(new_caseworker)
    public = Client()

    middle = ROWS // 2
    middle_reference, middle_pin = reference(middle), pin(middle)
    prefix = middle_reference[:-3]  # a thousand references: …-000xxx
    submissions, cases = reverse("submissions:index"), reverse("cases:index")
    service = EServicePage.objects.get(locale__language_code="az", slug=SLUG)
    status_url = service.url + service.reverse_subpage("status")
    status_form = {"reference": middle_reference, "pin": middle_pin}

    def status_page():
        response = public.post(status_url, status_form)
        assert response.status_code == 200 and middle_reference in response.text
        assert "No application matches" not in response.text

    def api_status():
        response = public.post("/api/v1/status", status_form, content_type="application/json")
        assert response.status_code == 200, response.content

    # Applicants with no open application, also when a kept database has earlier runs' ones.
    pins = iter(d.next_pin, None)
    applicants = (p for p in pins if not CaseMember.objects.filter(pin=p).exists())
    declarations = [d.of_applicant(next(applicants)) for _ in range(ROUNDS + 2)]

    def api_submission():
        response = public.post(
            f"/api/v1/services/{SLUG}/submissions",
            json.dumps(declarations.pop()),
            content_type="application/json",
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert response.status_code == 201, response.content

    def found(client, url, text, **params):
        """The listing, and whether `text` (the row looked for) is on it."""

        def view():
            response = client.get(url, params)
            assert response.status_code == 200, url
            return text in response.text

        return view

    measured = {
        "submissions list": get_ok(admin, submissions),
        "submissions: reference": found(admin, submissions, middle_reference, q=middle_reference),
        "submissions: prefix": found(admin, submissions, prefix, q=prefix),
        "cases list (supervisor)": get_ok(supervisor, cases),
        "cases queue (caseworker)": get_ok(caseworker, cases),
        "cases queue (newcomer)": get_ok(newcomer, cases),
        "cases: reference": found(supervisor, cases, middle_reference, q=middle_reference),
        "cases: prefix": found(supervisor, cases, prefix, q=prefix),
        "cases: FİN": found(supervisor, cases, middle_reference, q=middle_pin.lower()),
        "cases: status filter": get_ok(supervisor, cases, status="flagged"),
        "cases: status received": get_ok(supervisor, cases, status="received"),
        "SLA board": get_ok(supervisor, reverse("casework_sla_board")),
        "SLA board, cold": with_empty_cache(get_ok(supervisor, reverse("casework_sla_board"))),
        "status page look-up": status_page,
        "API status": api_status,
        "API submission": api_submission,
    }
    load = os.getloadavg()[0]
    results = {name: timed(view) for name, view in measured.items()}
    filled = "kept from an earlier run" if filled_site is None else f"filled in {filled_site:.0f} s"
    heading(
        f"Growth: {ROWS:,} submissions and cases ({filled}, database {size / 2**30:.1f} GiB), "
        f"median of {ROUNDS}, {os.cpu_count()} CPUs, load average {load:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after"
    )
    for name, (ms, queries, result) in results.items():
        found = {} if result is None else {"found": "yes" if result else "NO"}
        # sql-ms: the statements' own time in the captured call; the rest is Python (templates).
        sql_ms = 1000 * sum(float(q["time"]) for q in queries)
        line(name, ms=ms, queries=len(queries), sql_ms=sql_ms, **found)
        if SHOW_QUERIES:
            for q in queries:
                print(f"    {1000 * float(q['time']):8.1f}  {q['sql'][:400]}")
