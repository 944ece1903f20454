"""A WSGI application serving only the registry mocks, for their own process.

It resolves the mocks' URLs and calls their views with none of the site's middleware: sessions,
themes and Wagtail's redirects would need the site's database, and an API for machines has no use
for them. Django's settings still apply (REGISTRY_MOCKS, the cache for run-time faults).
"""

import logging

from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.http import JsonResponse
from django.urls import get_resolver, set_script_prefix, set_urlconf

logger = logging.getLogger(__name__)


class MocksApplication:
    urlconf = "registry_mocks.standalone_urls"

    def __call__(self, environ, start_response):
        set_script_prefix(get_script_name(environ))
        set_urlconf(self.urlconf)  # so reverse() in the views builds the standalone URLs
        try:
            request = WSGIRequest(environ)
            match = get_resolver(self.urlconf).resolve(request.path_info)
            response = match.func(request, *match.args, **match.kwargs)
        except Exception:  # a bug in a mock: answer like Django would, but in JSON
            logger.exception("registry mock failed on %s", environ.get("PATH_INFO"))
            response = JsonResponse({"error": "internal", "message": "Internal error"}, status=500)
        finally:
            set_urlconf(None)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        # Small JSON bodies, whole: nothing to stream, and no database connection to close when
        # the response does (Django's request_finished).
        return [response.content]


application = MocksApplication()
