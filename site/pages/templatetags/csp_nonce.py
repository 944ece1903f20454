"""`{% csp_nonce %}`: the Content-Security-Policy nonce of the request being answered, where a
template has no request in its context (a form widget's template). Wagtail's admin widgets and
panels that carry an inline script are overridden with it (templates/wagtailadmin/)."""

from contextvars import ContextVar

from django import template

register = template.Library()

current_request = ContextVar("current_request", default=None)


@register.simple_tag
def csp_nonce() -> str:
    request = current_request.get()
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


class CurrentRequestMiddleware:
    """Makes the request being answered known to `{% csp_nonce %}` (after django-csp's
    middleware, which gives the request its nonce)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
