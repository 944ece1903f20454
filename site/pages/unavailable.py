"""While the database can't be reached (restarting, failing over, the network), every request
answers 503 with Retry-After instead of an HTML 500: JSON `{"detail": …}` under /api/, a small
page everywhere else. The page needs nothing from the database (no Wagtail Site, no theme
setting, no session): it is built here, in the language of the URL's prefix or the browser.

A connection-level error may come from a view (process_exception answers it before the error
pages) or from a middleware further in (the theme's Site look-up, the session, the page cache):
Django turns those into a 500 before an outer middleware sees them, so a got_request_exception
receiver marks the request and this middleware, near the top of the stack, swaps the 500 for
the 503. Nothing is half-written: submissions and every state change run in transactions, and
a broken connection rolls them back.
"""

import json
import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
UNAVAILABLE = (OperationalError, InterfaceError)


def is_database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, UNAVAILABLE)


def retry_after() -> int:
    return settings.DATABASE_UNAVAILABLE_RETRY_AFTER


@receiver(got_request_exception)
def _mark_unavailable(sender, request=None, **kwargs):
    if request is not None and is_database_unavailable(sys.exc_info()[1]):
        request.database_unavailable = True


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "database_unavailable", False) and response.status_code >= 500:
            return unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.warning("Database unavailable on %s: %s", request.path, exception)
            return unavailable_response(request)
        return None


def unavailable_response(request) -> HttpResponse:
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        if request.path.startswith("/healthz"):
            # What /healthz itself would say, had the middleware before it not needed the
            # database.
            body = {"status": "unavailable", "database": "unreachable"}
            response = HttpResponse(json.dumps(body), content_type="application/json")
        elif request.path.startswith(API_PREFIX):
            body = {
                "detail": _(
                    "The service is briefly unavailable. Try again in a minute; a declaration sent "
                    "again with the same Idempotency-Key is never counted twice."
                )
            }
            response = HttpResponse(
                json.dumps(body, ensure_ascii=False), content_type="application/json"
            )
        else:
            response = HttpResponse(_page(language), content_type="text/html; charset=utf-8")
    response.status_code = 503
    response["Retry-After"] = str(retry_after())
    response["Cache-Control"] = "no-store"
    return response


def _page(language: str) -> str:
    title = escape(_("e-Müraciət is briefly unavailable"))
    text = escape(
        _(
            "We can't reach our records just now. Please try again in a minute. If you "
            "were sending an application, check its status or send it again: it is never "
            "counted twice."
        )
    )
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head>"
        '<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; '
        'padding: 0 1rem; line-height: 1.5">'
        f"<h1>{title}</h1><p>{text}</p></body></html>"
    )
