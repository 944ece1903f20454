"""Every answer under the API's path is JSON, errors included: a wrong method (405), an unknown
address (404), a body Django refuses before the API sees it, a server error."""

import json

from django.conf import settings
from django.http import HttpResponse


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(settings.API_PATH_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return _as_json(response)
        return response


def _as_json(response) -> HttpResponse:
    body = {"detail": response.reason_phrase}
    json_response = HttpResponse(
        json.dumps(body), status=response.status_code, content_type="application/json"
    )
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if header in response:
            json_response[header] = response[header]
    return json_response
