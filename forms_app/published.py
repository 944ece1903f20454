"""The published e-services as each process keeps them for the JSON API.

A submission needs its service page, the form version citizens fill in and the addresses of the
page in the applicant's language: the same for every request until an editor changes something.
Each process keeps what it looked up for at most `FORMS_APP["PUBLISHED_SERVICE_SECONDS"]`.
Publishing, unpublishing, moving or saving an e-service page, saving a form, a form version, a
view restriction or a site forgets all of it at once in the process that made the change, and
again when that change commits; other processes notice within those seconds, as the page cache's
entries expire (site/pages/page_cache.py).

The pages and versions kept are shared by the requests of a process: read them, never change them.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import selectors
from .models import DeclarationFormVersion, EServicePage

# The hosts a process answers are few (ALLOWED_HOSTS), but never let a cache grow unbounded.
MAX_ENTRIES = 1000

_entries: dict[tuple, tuple[float, object]] = {}


@dataclass(frozen=True)
class PublishedService:
    page: EServicePage
    version: DeclarationFormVersion | None  # None: no published form (not accepting)


def service(slug: str, language_code: str) -> PublishedService | None:
    """The live, public e-service page with this slug in this locale and its current form
    version; None when there is none."""

    def look_up():
        page = selectors.public_service(slug, language_code)
        return page and PublishedService(page, selectors.current_form_version(page))

    return _kept(("service", slug, language_code), look_up)


def page_url(page: EServicePage, language: str, request) -> str:
    """The absolute URL of the service's page in `language` (the page itself when that
    translation isn't live), as seen from this request's host."""

    def look_up():
        translated = selectors.service_in_language(page, language)
        # Wagtail finds the request's site to tell whether the link may be relative.
        return request.build_absolute_uri(translated.get_url(request))

    return _kept(("url", page.pk, language, request.scheme, request.get_host()), look_up)


def _kept(key, look_up):
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and entry[0] > now:
        return entry[1]
    value = look_up()
    if len(_entries) >= MAX_ENTRIES:
        _entries.clear()
    _entries[key] = (now + settings.FORMS_APP["PUBLISHED_SERVICE_SECONDS"], value)
    return value


def forget():
    _entries.clear()


def _changed(**kwargs):
    """Something the API keeps changed: forget it all now, and again once the change commits (a
    request of this process may read the old rows in between)."""
    forget()
    transaction.on_commit(forget)


def connect_signals():
    from wagtail.models import PageViewRestriction, Site

    from .models import DeclarationForm

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_changed, dispatch_uid=f"published_services_{signal}")
    # A page's own save (e.g. closing applications without publishing) is sent for its class.
    for model in (EServicePage, DeclarationForm, DeclarationFormVersion, PageViewRestriction, Site):
        uid = f"published_services_{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}_delete")
