"""Capital letters in Azerbaijani: "i" becomes "İ", not "I" (Python's str.upper() knows only
the English rule). Django and Wagtail capitalise labels with `capfirst` ("istifadəçi adı" →
"Istifadəçi adı", "işlər" → "Işlər"); installed at start-up, it follows the language."""

import sys

from django.template import defaultfilters
from django.utils import text
from django.utils.functional import keep_lazy_text
from django.utils.translation import get_language

DOTTED_I_LANGUAGES = {"az", "tr"}


@keep_lazy_text
def capfirst(value):
    if not value:
        return value
    value = str(value)
    if value[0] == "i" and (get_language() or "").split("-")[0] in DOTTED_I_LANGUAGES:
        return "İ" + value[1:]
    return value[0].upper() + value[1:]


def install():
    """Use `capfirst` wherever Django's was imported, and in the templates' filter."""
    original = text.capfirst
    if original is capfirst:
        return
    for module in list(sys.modules.values()):
        if getattr(module, "capfirst", None) is original:
            module.capfirst = capfirst
    defaultfilters.register.filters["capfirst"] = defaultfilters.stringfilter(capfirst)
