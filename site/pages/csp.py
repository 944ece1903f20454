"""The request being answered, for `{% csp_nonce %}` in templates rendered without one (a form
widget's template): Wagtail's admin widgets and panels that carry an inline script are
overridden with the Content-Security-Policy nonce (templates/wagtailadmin/)."""

from contextvars import ContextVar

current_request = ContextVar("current_request", default=None)


class CurrentRequestMiddleware:
    """After django-csp's middleware, which gives the request its nonce."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
