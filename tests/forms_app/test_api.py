"""The JSON API at /api/v1/: listing, form schemas, and submitting declarations."""

import copy
import json
import re
import time
import uuid

import jsonschema_rs
import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from forms_app import actions
from forms_app.models import ApiKey, Submission
from forms_app.schema.json_schema import declaration_schema
from tests.forms_app import declaration as d

pytestmark = pytest.mark.django_db

SLUG = "unvanli-dovlet-sosial-yardimi"
SUBMISSIONS = f"/api/v1/services/{SLUG}/submissions"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def a_new_minute():
    """The limits count per minute of the clock: a test counting to one starts as a minute does,
    so that a slow machine never sees the minute turn over between two of its requests."""
    now = time.time()
    with time_machine.travel(now - now % 60 + 60, tick=True):
        yield


def post(client, answers=None, *, key="key-1", url=SUBMISSIONS, **extra):
    body = answers if isinstance(answers, bytes | str) else json.dumps(answers or d.ANSWERS)
    headers = {"Idempotency-Key": key} if key is not None else {}
    extra.setdefault("content_type", "application/json")
    return client.post(url, body, headers=headers, **extra)


def close(page):
    page.accepting_applications = False
    page.save()


# Listing and schemas ---------------------------------------------------------------------------


def test_the_open_services_are_listed_in_every_language(client, service_page):
    response = client.get("/api/v1/services/")
    assert response.status_code == 200
    (service,) = response.json()
    assert service["slug"] == SLUG
    assert set(service["title"]) == {"az", "ru", "en"}
    assert service["title"]["az"] == service_page.title
    assert service["form_version"] == service_page.current_form_version().number
    assert service["page_url"]["en"] == (
        "http://testserver/en/e-services/targeted-social-assistance/"
    )
    assert service["form_url"] == f"http://testserver/api/v1/services/{SLUG}/form"
    assert service["submissions_url"] == f"http://testserver{SUBMISSIONS}"


def test_a_closed_service_is_not_listed(client, service_page):
    close(service_page)
    assert client.get("/api/v1/services/").json() == []


def test_the_form_schema_is_the_published_versions(client, service_page):
    version = service_page.current_form_version()
    response = client.get(f"/api/v1/services/{SLUG}/form")
    assert response.status_code == 200
    assert response.json() == {
        "service": SLUG,
        "version": version.number,
        "content_hash": version.content_hash,
        "schema": json.loads(json.dumps(version.definition.as_json())),
        "declaration_schema": declaration_schema(version.definition, title=service_page.title),
    }


def test_what_an_editor_changes_counts_at_once(client, service_page):
    """Each process keeps the published service and form for the API: a change made in the
    admin is seen by the next request all the same."""
    from forms_app.models import DeclarationForm

    form_url = f"/api/v1/services/{SLUG}/form"
    first = client.get(form_url).json()["version"]
    assert post(client, d.another_applicant(), key="kept").status_code == 201
    close(service_page)
    assert post(client, d.another_applicant(), key="closed").status_code == 409
    service_page.accepting_applications = True
    service_page.save_revision().publish()
    assert post(client, d.another_applicant(), key="open-again").status_code == 201
    # A new version of the form, published: the API takes declarations to it.
    form = DeclarationForm.objects.get()
    schema = form.schema.get_prep_value()
    schema[0]["value"]["title"]["en"] = "About you"
    form.schema = schema
    form.save_revision().publish()
    assert client.get(form_url).json()["version"] == first + 1
    submitted = post(client, d.another_applicant(), key="new-version")
    assert Submission.objects.get(reference=submitted.json()["reference"]).form_version.number == (
        first + 1
    )
    service_page.unpublish()
    assert post(client, d.another_applicant(), key="unpublished").status_code == 404


@pytest.mark.parametrize("slug", ["no-such-service", "bad%00slug", "e-xidmetler"])
def test_an_unknown_service_is_a_json_404(client, slug):
    for response in (
        client.get(f"/api/v1/services/{slug}/form"),
        post(client, url=f"/api/v1/services/{slug}/submissions"),
    ):
        assert response.status_code == 404
        assert "detail" in response.json()


def test_the_openapi_document_describes_the_three_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    paths = document["paths"]
    assert {
        "/api/v1/services/",
        "/api/v1/services/{slug}/form",
        "/api/v1/services/{slug}/submissions",
    } <= set(paths)
    operation = paths["/api/v1/services/{slug}/submissions"]["post"]
    assert {(p["in"], p["name"]) for p in operation["parameters"]} == {
        ("path", "slug"),
        ("header", "Idempotency-Key"),
        ("query", "lang"),
    }
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Declaration_1_v1"}  # the published form's
    assert {"201", "400", "401", "409", "413", "422", "429", "503"} <= set(operation["responses"])
    assert "schema" in str(paths["/api/v1/services/{slug}/form"]["get"]["responses"]["200"])
    assert client.get("/api/v1/docs").status_code == 200


def published_schema(client):
    document = client.get("/api/v1/openapi.json").json()
    return document["components"]["schemas"]["Declaration_1_v1"]


def declaration_validator(client):
    return jsonschema_rs.validator_for(published_schema(client), validate_formats=True)


def test_a_client_can_check_a_declaration_with_the_published_schema_before_sending(client):
    validator = declaration_validator(client)
    assert validator.is_valid(d.ANSWERS)
    assert post(client, d.ANSWERS).status_code == 201  # and the server agrees
    described = published_schema(client)["properties"]
    assert described["family_members"]["maxItems"] == 15
    assert described["incomes"]["items"]["required"] == ["member_pin", "type", "amount_12_months"]
    assert "sms" in described["feedback_channel"]["enum"]


@pytest.mark.parametrize(
    "change",
    [
        {"pin": "5ZJBKQI"},  # no I in a FİN
        {"birth_date": "14.03.1985"},  # ISO 8601 only
        {"birth_date": "2199-01-01"},  # not in the future
        {"truthful": False},  # a required consent
        {"feedback_channel": "sms"},  # …then a mobile number is required
        {"mobile": "+994121234567"},  # a landline
        {"last_name": "Əli\u202eyeva"},  # a bidirectional override
        {"family_members": [d.MEMBERS[0]] * 16},  # at most 15
        {"nickname": "x"},  # no such field
    ],
)
def test_what_the_schema_refuses_the_server_refuses(client, change):
    answers = {**d.ANSWERS, **change}
    assert not declaration_validator(client).is_valid(answers)
    assert post(client, answers).status_code == 422


def test_every_error_under_the_api_is_json(client):
    wrong_method = client.delete("/api/v1/services/")
    assert wrong_method.status_code == 405 and wrong_method["Allow"]
    unknown = client.get("/api/v1/no-such-thing/")
    assert unknown.status_code == 404
    for response in (wrong_method, unknown):
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


# Submitting ------------------------------------------------------------------------------------


def test_a_submission_gets_a_reference_and_a_receipt_to_download(client):
    response = post(client)
    assert response.status_code == 201, response.content
    body = response.json()
    submission = Submission.objects.get(reference=body["reference"])
    assert (submission.channel, submission.language) == ("api", "az")
    page_url = "http://testserver/e-xidmetler/unvanli-dovlet-sosial-yardimi/"
    assert body["status_url"] == f"{page_url}status/?reference={submission.reference}"
    assert body["receipt_url"].startswith(f"{page_url}receipt/{submission.public_id}/?t=")
    receipt = Client().get(body["receipt_url"])  # no session: the token opens it
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")


def test_the_language_chosen_is_stored_and_links_to_its_page(client):
    response = post(client, url=SUBMISSIONS + "?lang=en")
    assert response.status_code == 201
    body = response.json()
    assert Submission.objects.get(reference=body["reference"]).language == "en"
    assert body["status_url"].startswith(
        "http://testserver/en/e-services/targeted-social-assistance/status/"
    )
    receipt = Client().get(body["receipt_url"])
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")


def test_no_csrf_token_is_needed(service_page):
    response = post(Client(enforce_csrf_checks=True))
    assert response.status_code == 201


def test_the_same_key_and_body_again_give_the_first_submission(client):
    first = post(client, key="retry-me")
    again = post(client, key="retry-me")
    assert first.status_code == again.status_code == 201
    assert first.json()["reference"] == again.json()["reference"]
    assert Submission.objects.count() == 1
    other = post(client, d.another_applicant(), key="another-declaration")
    assert other.json()["reference"] != first.json()["reference"]
    assert Submission.objects.count() == 2


def test_a_key_reused_with_other_answers_reveals_nothing(client):
    """Keys are the clients' choice: a second client picking the same key for another
    declaration gets its own submission, never the first one's receipt."""
    first = post(client, key="1")
    answers = {**d.another_applicant(), "first_name": "Aysel"}
    second = post(client, answers, key="1")
    assert second.status_code == 201
    assert second.json()["reference"] != first.json()["reference"]


@pytest.mark.parametrize("key", [None, "", "x" * 129, "with space", "ключ"])
def test_an_idempotency_key_is_required(client, key):
    response = post(client, key=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    assert Submission.objects.count() == 0


def test_invalid_answers_are_422_with_errors_by_path(client):
    answers = copy.deepcopy(d.ANSWERS)
    answers["family_members"][1]["pin"] = "IIIIIII"
    del answers["last_name"]
    response = post(client, answers)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"family_members[1].pin", "last_name"}
    assert "FİN" in errors["family_members[1].pin"][0]
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    "url, headers, required",
    [
        (SUBMISSIONS + "?lang=ru", {}, "Укажите «Фамилия»"),
        (SUBMISSIONS, {"Accept-Language": "ru-RU,ru;q=0.9"}, "Укажите «Фамилия»"),
        (SUBMISSIONS + "?lang=en", {"Accept-Language": "ru"}, "Enter “Surname”"),
        (SUBMISSIONS + "?lang=xx", {}, "«Soyad» sahəsini doldurun"),
    ],
)
def test_errors_are_in_the_language_asked_for(client, url, headers, required):
    answers = {k: v for k, v in d.ANSWERS.items() if k != "last_name"}
    response = client.post(
        url,
        json.dumps(answers),
        content_type="application/json",
        headers={"Idempotency-Key": "k", **headers},
    )
    assert response.json()["errors"]["last_name"] == [required]


@pytest.mark.parametrize(
    "change, path",
    [
        ({"nickname": "Gülşən"}, "nickname"),
        ({"dwellings_count": "three"}, "dwellings_count"),
        ({"has_vehicle": "no"}, "has_vehicle"),
        ({"family_members": {"pin": "7KQ2M1A"}}, "family_members"),
        ({"family_members": ["7KQ2M1A"]}, "family_members[0]"),
        ({"family_members": [{"pin": 7, "shoe_size": 42}]}, "family_members[0].pin"),
        ({"family_members": [{"shoe_size": 42}]}, "family_members[0].shoe_size"),
    ],
)
def test_unknown_fields_and_wrong_json_types_are_named(client, change, path):
    response = post(client, {**d.ANSWERS, **change})
    assert response.status_code == 422
    assert path in response.json()["errors"]


@pytest.mark.parametrize(
    "body, status",
    [
        (b"{not json", 400),
        (b" ", 400),
        (b"\xff\xfe{}", 400),
        (b'{"first_name": "\\ud800"}', 400),  # a lone surrogate is no text
        (b"[" * 100_000 + b"]" * 100_000, 400),
        (b"[]", 422),
        (b'"answers"', 422),
        (b"null", 422),
    ],
)
def test_a_body_that_is_not_an_object_is_refused(client, body, status):
    response = post(client, body)
    assert response.status_code == status
    assert Submission.objects.count() == 0


def test_a_non_object_body_is_reported_as_the_whole_body(client):
    assert list(post(client, b"[1, 2]").json()["errors"]) == [""]


def test_other_content_types_and_huge_bodies_are_refused(client):
    assert post(client, content_type="text/plain").status_code == 415
    assert post(client, content_type="application/x-www-form-urlencoded").status_code == 415
    huge = json.dumps({**d.ANSWERS, "padding": "x" * (1024 * 1024)})
    assert post(client, huge).status_code == 413


def test_a_closed_service_answers_409(client, service_page):
    close(service_page)
    response = post(client)
    assert response.status_code == 409
    assert response.json()["detail"]


def test_a_failed_submission_is_503_with_retry_after(client, monkeypatch):
    def fail(submission):
        raise RuntimeError("simulated failure in an action")

    monkeypatch.setitem(
        actions._actions, "open_case", actions.SubmissionAction("open_case", "Fail", fail)
    )
    response = post(client)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Idempotency-Key" in response.json()["detail"]
    assert Submission.objects.count() == 0


def test_an_address_without_a_key_is_limited_in_accepted_declarations(
    client, settings, a_new_minute
):
    settings.FORMS_APP = {**settings.FORMS_APP, "API_SUBMISSIONS_PER_MINUTE": 2}
    # Refusals don't use up the allowance: a portal's bad requests don't lock its citizens out.
    for _ in range(3):
        assert post(client, b"{oops", key=str(uuid.uuid4())).status_code == 400
        assert (
            post(client, key=str(uuid.uuid4()), url=SUBMISSIONS.replace(SLUG, "x")).status_code
            == 404
        )
        assert post(client, {"pin": "I"}, key=str(uuid.uuid4())).status_code == 422
    assert post(client, d.another_applicant(), key="a").status_code == 201
    assert post(client, d.another_applicant(), key="b").status_code == 201
    limited = post(client, d.another_applicant(), key="c")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    other_address = post(client, d.another_applicant(), key="c", REMOTE_ADDR="203.0.113.9")
    assert other_address.status_code == 201
    assert client.get("/api/v1/services/").status_code == 200  # reading isn't limited


def issue_key(client, name, per_minute):
    """The admin issues a key in the admin, which shows it once."""
    from tests.forms_app.test_admin import login

    login(client, "admin")
    page = client.post("/admin/api-keys/new/", {"name": name, "submissions_per_minute": per_minute})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    secret = re.search(r'id="issued-key"[^>]*value="([^"]+)"', page.content.decode()).group(1)
    client.logout()
    return secret


def test_integrators_keys_are_shown_once_stored_hashed_and_revocable(client):
    secret = issue_key(client, "Mobile app", 5)
    api_key = ApiKey.objects.get(name="Mobile app")
    assert secret not in str(list(ApiKey.objects.values()))  # only its hash is stored
    from tests.forms_app.test_admin import login

    login(client, "admin")
    for url in ("/admin/api-keys/", f"/admin/api-keys/edit/{api_key.pk}/"):
        page = client.get(url).content.decode()
        assert api_key.prefix in page and secret not in page
    client.logout()

    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert post(client, d.another_applicant(), key="k1", **bearer).status_code == 201
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None
    wrong = post(client, d.another_applicant(), key="k2", HTTP_AUTHORIZATION="Bearer emk_nope")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Bearer")
    api_key.active = False  # revoked in the admin
    api_key.save()
    assert post(client, d.another_applicant(), key="k3", **bearer).status_code == 401
    assert Submission.objects.count() == 1


def test_each_key_has_its_own_limit_whatever_the_address(client, settings, a_new_minute):
    settings.FORMS_APP = {**settings.FORMS_APP, "API_SUBMISSIONS_PER_MINUTE": 1}
    portal = {"HTTP_AUTHORIZATION": f"Bearer {issue_key(client, 'e-gov portal', 3)}"}
    app = {"HTTP_AUTHORIZATION": f"Bearer {issue_key(client, 'Mobile app', 1)}"}
    # Behind one address, the portal sends more than that address may without a key.
    for i in range(3):
        assert post(client, d.another_applicant(), key=f"p{i}", **portal).status_code == 201
    assert post(client, d.another_applicant(), key="p3", **portal).status_code == 429
    assert post(client, d.another_applicant(), key="m0", **app).status_code == 201
    assert post(client, d.another_applicant(), key="m1", **app).status_code == 429
    assert post(client, d.another_applicant(), key="anon").status_code == 201


# Whatever is posted, never a server error -------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
MEMBER_FIELDS = st.sampled_from(sorted(d.ANSWERS["family_members"][0])) | st.text(max_size=8)
GROUP_ITEMS = st.lists(st.dictionaries(MEMBER_FIELDS, JSON_VALUES, max_size=6), max_size=3)
FIELD_NAMES = st.sampled_from(sorted(d.ANSWERS)) | st.text(max_size=12)
ANSWER_CHANGES = st.dictionaries(FIELD_NAMES, JSON_VALUES | GROUP_ITEMS, max_size=8)


@hypothesis_settings(
    max_examples=75, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=ANSWER_CHANGES, start_from_valid=st.booleans())
def test_no_json_object_gives_a_server_error(client, settings, changes, start_from_valid):
    settings.FORMS_APP = {**settings.FORMS_APP, "API_SUBMISSIONS_PER_MINUTE": 10**9}
    answers = {**(d.another_applicant() if start_from_valid else {}), **changes}
    response = post(client, answers, key=str(uuid.uuid4()))
    assert response.status_code in (201, 422), response.content
