"""`{% csp_nonce %}`: the Content-Security-Policy nonce of the request being answered, also where
a template has no request in its context (see pages/csp.py)."""

from django import template

from pages.csp import current_request

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    nonce = getattr(current_request.get(), "csp_nonce", None)
    return str(nonce) if nonce is not None else ""
