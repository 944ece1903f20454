"""The JSON API for the mobile app and the e-government portal, mounted at /api/v1/.

Machine to machine: no session, so no CSRF token (django-ninja exempts its views). An e-service
is named by the slug of its page in the default locale; titles and links come from the page's
translations. Submitting goes through `services.submit_declaration`, exactly like the web form,
so the same validation, numbering and submission actions apply.
"""

import hashlib
import json
import re
from datetime import date
from typing import Any, Literal
from urllib.parse import urlencode

from django.conf import settings
from django.core.validators import slug_unicode_re
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from . import published, ratelimit, services
from .models import EServicePage
from .schema.json_schema import declaration_schema
from .status import status_of
from .validators import normalise_pin

MAX_BODY_BYTES = 1024 * 1024
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,128}$"  # visible ASCII: a UUID is ideal
SUBMISSION_RETRY_SECONDS = 60


class DeclarationsAPI(NinjaAPI):
    """The OpenAPI document carries each open service's declaration as JSON Schema, generated
    from its published form, so a client can build and check a declaration before sending it."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        declarations = []
        for page in _services().filter(accepting_applications=True).order_by("path"):
            version = page.current_form_version()
            if version is None:
                continue
            name = f"Declaration_{version.form_id}_v{version.number}"
            schemas[name] = {
                **declaration_schema(version.definition, title=f"{page.title} (v{version.number})"),
                "description": f"A declaration to `/services/{page.slug}/submissions`.",
            }
            declarations.append({"$ref": f"#/components/schemas/{name}"})
        body = {"type": "object"}  # no service is open: nothing can be accepted
        if len(declarations) == 1:
            body = declarations[0]
        elif declarations:
            body = {"anyOf": declarations}
        submit_path = next(p for p in document["paths"] if p.endswith("/submissions"))
        content = document["paths"][submit_path]["post"]["requestBody"]["content"]
        content["application/json"]["schema"] = body
        document["components"]["securitySchemes"] = {
            "apiKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "An integrator's API key, issued in the admin (its own limit).",
            }
        }
        return document


api = DeclarationsAPI(
    title="e-Müraciət",
    version="1",
    description=(
        "The open e-services, their published declaration forms, and submitting a declaration. "
        'Errors are `{"detail": message}`, or `{"errors": {path: [messages]}}` for answers '
        "that don't pass validation. While the service is briefly unavailable (its database "
        "restarting) every endpoint answers 503 with `Retry-After` (seconds)."
    ),
    urls_namespace="forms_app_api",
)


class ApiError(HttpError):
    """Answered as `{"detail": message}`, with Retry-After when trying again later helps."""

    def __init__(self, status_code: int, message: str, *, retry_after: int | None = None):
        super().__init__(status_code, message)
        self.retry_after = retry_after


@api.exception_handler(ApiError)
def api_error(request, exc: ApiError):
    response = api.create_response(request, {"detail": exc.message}, status=exc.status_code)
    if exc.retry_after:
        response["Retry-After"] = str(exc.retry_after)
    if exc.status_code == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unavailable(request, exc):
    """The database can't be reached (restarting, failing over): try again shortly. A request
    cut off in a transaction wrote nothing; a submission retried with its Idempotency-Key is
    never counted twice."""
    with translation.override(_language(request)):
        error = ApiError(
            503,
            _(
                "The service is briefly unavailable. Try again in a minute; a declaration sent "
                "again with the same Idempotency-Key is never counted twice."
            ),
            retry_after=settings.DATABASE_UNAVAILABLE_RETRY_AFTER,
        )
    return api_error(request, error)


# Schemas ---------------------------------------------------------------------------------------


class Error(Schema):
    detail: str


class RefusedOut(Schema):
    detail: str
    reference: str | None = Field(
        None, description="The application in the way (e.g. the applicant's open one)."
    )


class InvalidAnswersOut(Schema):
    errors: dict[str, list[str]] = Field(
        description='Messages by path: `pin`, `family_members[2].pin`; `""` for the whole body.'
    )


class ServiceOut(Schema):
    slug: str
    title: dict[str, str] = Field(description="By language code (az, ru, en).")
    form_version: int
    page_url: dict[str, str] = Field(description="The service's page, by language code.")
    form_url: str
    submissions_url: str


class FormOut(Schema):
    service: str
    version: int
    content_hash: str
    schema_: dict[str, Any] = Field(
        alias="schema", description="The form's steps, fields and repeating groups."
    )
    declaration_schema: dict[str, Any] = Field(
        description="A declaration to this form as JSON Schema: what the submissions endpoint "
        "takes (the server also checks what JSON Schema can't say, e.g. a FİN given twice)."
    )


class SubmissionOut(Schema):
    reference: str
    status_url: str
    receipt_url: str = Field(description="The PDF receipt; the signed link expires (in a day).")


# Looking up services ---------------------------------------------------------------------------


def _services():
    """Live, public e-service pages in the default locale."""
    return EServicePage.objects.live().public().filter(locale=Locale.get_default())


def _service(slug: str) -> published.PublishedService:
    """The service and its form version, as this process keeps them (forms_app/published.py)."""
    # Checked first, so nothing like a NUL byte from a URL ever reaches the database.
    found = (
        published.service(slug, get_supported_content_language_variant(settings.LANGUAGE_CODE))
        if slug_unicode_re.match(slug)
        else None
    )
    if found is None:
        raise ApiError(404, _("There is no e-service with this name."))
    return found


def _absolute(request, page, suffix="") -> str:
    return request.build_absolute_uri(page.get_url(request) + suffix)


# Endpoints -------------------------------------------------------------------------------------


@api.get(
    "/services/",
    response={200: list[ServiceOut], 503: Error},
    tags=["e-services"],
    summary="The e-services open for applications",
)
def list_services(request):
    pages = list(_services().filter(accepting_applications=True).order_by("path"))
    versions = {p.pk: p.current_form_version() for p in pages}
    pages = [p for p in pages if versions[p.pk] is not None]
    translations = {}
    for t in (
        EServicePage.objects.live()
        .public()
        .filter(translation_key__in=[p.translation_key for p in pages])
        .select_related("locale")
    ):
        translations.setdefault(t.translation_key, []).append(t)
    return [
        {
            "slug": page.slug,
            "title": {t.locale.language_code: t.title for t in translations[page.translation_key]},
            "form_version": versions[page.pk].number,
            "page_url": {
                t.locale.language_code: _absolute(request, t)
                for t in translations[page.translation_key]
            },
            "form_url": request.build_absolute_uri(
                reverse("forms_app_api:service_form", kwargs={"slug": page.slug})
            ),
            "submissions_url": request.build_absolute_uri(
                reverse("forms_app_api:service_submissions", kwargs={"slug": page.slug})
            ),
        }
        for page in pages
    ]


@api.get(
    "/services/{slug}/form",
    response={200: FormOut, 404: Error, 503: Error},
    by_alias=True,
    url_name="service_form",
    tags=["e-services"],
    summary="The published declaration form of an e-service",
)
def service_form(request, slug: str):
    found = _service(slug)
    page, version = found.page, found.version
    if version is None:
        raise ApiError(404, _("This e-service has no published form."))
    return {
        "service": page.slug,
        "version": version.number,
        "content_hash": version.content_hash,
        "schema": version.definition.as_json(),
        "declaration_schema": declaration_schema(version.definition, title=page.title),
    }


SUBMIT_DESCRIPTION = """\
The body is a JSON object of answers to the form's current version: one key per field, a list of
objects per repeating group, dates as ISO 8601 (`1985-03-14`). Its JSON Schema is below (and
in `…/form` as `declaration_schema`); the server also checks what a schema can't say: a FİN
listed twice, an income whose owner isn't declared, an account number's check digits. At most
1 MB.

**Who sends it:** anyone, within a limit of accepted declarations a minute per address; an
integrator (the mobile app, the e-government portal) sends its API key as
`Authorization: Bearer …` and has the key's own limit. Refused requests don't count.

**One open application:** while the applicant's application is being processed, another one
from them is refused with 409 and the open application's `reference`.

**Idempotency:** the `Idempotency-Key` header (1–128 visible ASCII characters; a fresh UUID per
declaration) together with the body identifies the request. Sending the same key and body again,
e.g. after a timeout, answers 201 with the reference of the first submission and creates nothing.
The same key with a different body is a different declaration. A 503 asks you to send it again
after `Retry-After` seconds with the same key: it is safe whatever happened to the first try.

**Language:** `?lang=` or else `Accept-Language` (az, ru, en; az by default) chooses the language
of the error messages and of the applicant's receipt and letters.
"""


@api.post(
    "/services/{slug}/submissions",
    response={
        201: SubmissionOut,
        400: Error,
        401: Error,
        404: Error,
        409: RefusedOut,
        413: Error,
        415: Error,
        422: InvalidAnswersOut,
        429: Error,
        503: Error,
    },
    url_name="service_submissions",
    tags=["e-services"],
    summary="Submit a declaration",
    description=SUBMIT_DESCRIPTION,
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": True,
                "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN},
            },
            {
                "in": "query",
                "name": "lang",
                "required": False,
                "schema": {"type": "string", "enum": [code for code, _n in settings.LANGUAGES]},
            },
        ],
        # The declaration's schema is the published form's (DeclarationsAPI fills it in).
        "requestBody": {"required": True, "content": {"application/json": {"schema": {}}}},
        # Anonymous (a limit per address), or an integrator's key (a limit of its own).
        "security": [{}, {"apiKey": []}],
    },
)
def submit(request, slug: str):
    language = _language(request)
    with translation.override(language):
        api_key = _api_key(request)
        counter = _take_allowance(request, api_key)
        response = _submit(request, slug, language)
    # The allowance counts accepted declarations: a refused request gives its place back.
    if response.status_code != 201:
        ratelimit.give_back(counter)
    return response


def _submit(request, slug: str, language: str):
    try:
        found = _service(slug)
        key = _idempotency_key(request)
        answers, canonical = _answers(request)
        if found.version is None:
            raise _service_closed()
        submission = services.submit_declaration(
            found.page,
            found.version,
            answers,
            channel="api",
            language=language,
            idempotency_key=_stored_key(key, canonical),
        )
    except ApiError as error:
        return api_error(request, error)
    except services.InvalidAnswers as invalid:
        errors = {path: [str(m) for m in messages] for path, messages in invalid.errors.items()}
        return api.create_response(request, {"errors": errors}, status=422)
    except services.ServiceClosed:
        return api_error(request, _service_closed())
    except services.SubmissionRefused as refusal:
        body = {"detail": str(refusal.message), "reference": refusal.reference}
        return api.create_response(request, body, status=409)
    except services.SubmissionFailed:
        error = ApiError(
            503,
            _(
                "The declaration could not be saved and nothing was recorded. Send it again "
                "with the same Idempotency-Key in a minute."
            ),
            retry_after=SUBMISSION_RETRY_SECONDS,
        )
        return api_error(request, error)
    # Links to the service's page in the applicant's language.
    page_url = published.page_url(found.page, submission.language, request)
    status = found.page.reverse_subpage("status")
    status += "?" + urlencode({"reference": submission.reference})
    receipt = found.page.reverse_subpage("receipt", args=[submission.public_id])
    receipt += "?" + urlencode({"t": services.receipt_token(submission)})
    body = {
        "reference": submission.reference,
        "status_url": page_url + status,
        "receipt_url": page_url + receipt,
    }
    return api.create_response(request, body, status=201)


def _service_closed():
    return ApiError(409, _("This e-service is not accepting applications."))


# Reading a submission request ------------------------------------------------------------------


def _language(request) -> str:
    """`?lang=`, else Accept-Language, else the default (Azerbaijani)."""
    if request.GET.get("lang") in dict(settings.LANGUAGES):
        return request.GET["lang"]
    return translation.get_language_from_request(request)


def _api_key(request):
    """The integrator's key from `Authorization: Bearer …`; None without one (anonymous use)."""
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    if not scheme:
        return None
    api_key = services.api_key_for(secret.strip()) if scheme.lower() == "bearer" else None
    if api_key is None:
        raise ApiError(401, _("This API key is not valid or has been revoked."))
    return api_key


def _take_allowance(request, api_key) -> str:
    """Count this request against its key's limit, or its address's when it has no key."""
    if api_key is not None:
        key, limit = f"api-submissions:key:{api_key.pk}", api_key.submissions_per_minute
        message = _("Too many submissions with this API key.")
    else:
        key = f"api-submissions:ip:{ratelimit.client_ip(request)}"
        limit = settings.FORMS_APP["API_SUBMISSIONS_PER_MINUTE"]
        message = _("Too many submissions from this address.")
    wait, counter = ratelimit.take(key, limit=limit, window_seconds=60)
    if wait:
        ratelimit.give_back(counter)
        raise ApiError(429, message, retry_after=wait)
    return counter


def _idempotency_key(request) -> str:
    key = request.headers.get("Idempotency-Key", "")
    if not re.fullmatch(IDEMPOTENCY_KEY_PATTERN, key):
        raise ApiError(
            400,
            _(
                "Send an Idempotency-Key header of 1–128 visible ASCII characters (a new UUID "
                "for each declaration), so a retried request never makes a second submission."
            ),
        )
    return key


def _answers(request) -> tuple[Any, bytes]:
    """The JSON body, and its canonical form (sorted keys) that identifies the request."""
    if request.content_type != "application/json":
        raise ApiError(415, _("Send the answers as application/json."))
    try:
        too_big = int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        too_big = False  # Django reads no body at all then
    if too_big:
        raise ApiError(413, _("The body is larger than 1 MB."))
    try:
        answers = json.loads(request.body)
        # Encoding also refuses lone surrogates: valid JSON, but no text that can be stored.
        canonical = services.canonical_json(answers).encode()
    except (ValueError, RecursionError):
        raise ApiError(400, _("The body is not valid JSON.")) from None
    return answers, canonical


def _stored_key(key: str, canonical_body: bytes) -> str:
    """The client's key bound to the body: a key that another client happens to reuse for its
    own declaration makes a submission of its own, and never reveals the first one's receipt."""
    return "api:" + hashlib.sha256(key.encode() + b"\n" + canonical_body).hexdigest()


# The status of an application -------------------------------------------------------------------


class StatusIn(Schema):
    reference: str = Field(max_length=32, examples=["UDSY-2026-000123"])
    pin: str = Field(max_length=16, description="The applicant's FİN (never put it in a URL).")


class GroundOut(Schema):
    code: str
    text: str


class PeriodOut(Schema):
    start: date
    end: date


class StatusOut(Schema):
    reference: str
    status: str = Field(description="received, enriched, flagged, decided or closed")
    outcome: Literal["granted", "refused"] | None
    monthly_amount: str | None = Field(description='AZN with two decimals: "750.00"')
    period: PeriodOut | None
    grounds: list[GroundOut] = Field(description="Every ground of a refusal")
    explanation: list[str] = Field(description="How the rules decided, sentence by sentence")
    rule_set_version: str | None
    due_date: date | None = Field(description="The day the decision is due")
    letter_url: str | None


@api.post(
    "/status",
    response={200: StatusOut, 404: Error, 429: Error, 503: Error},
    tags=["applications"],
    summary="The status and decision of an application",
    description=(
        "The reference number and the applicant's FİN, in the body. Limited like the status page; "
        "a wrong reference and a wrong FİN answer the same 404. `?lang=` or `Accept-Language` "
        "chooses the language of the texts."
    ),
)
def application_status(request, body: StatusIn):
    language = _language(request)
    with translation.override(language):
        try:
            submission = services.look_up_status(
                None,
                body.reference.strip().upper(),
                normalise_pin(body.pin),
                address=ratelimit.client_ip(request),
                post_office=False,
            )
        except services.TooManyLookups as too_many:
            raise ApiError(
                429,
                _("Too many look-ups matched nothing. Try again later."),
                retry_after=too_many.wait,
            ) from None
        if submission is None:
            raise ApiError(404, _("No application matches this reference number and FİN."))
        status = status_of(submission, language)
        decision = status.decision
        return {
            "reference": submission.reference,
            "status": status.code,
            "outcome": decision.outcome if decision else None,
            "monthly_amount": (
                f"{decision.monthly_amount:.2f}"
                if decision and decision.monthly_amount is not None
                else None
            ),
            "period": (
                {"start": decision.period_start, "end": decision.period_end}
                if decision and decision.period_start
                else None
            ),
            "grounds": [{"code": c, "text": t} for c, t in decision.grounds] if decision else [],
            "explanation": decision.explanation if decision else [],
            "rule_set_version": decision.rule_set_version if decision else None,
            "due_date": status.due_date,
            "letter_url": request.build_absolute_uri(status.letter_url)
            if status.letter_url
            else None,
        }
