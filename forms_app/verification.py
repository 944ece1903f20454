"""/verify/: anyone holding a receipt or a decision letter checks it is genuine, by typing its
short code or opening its QR code. The page shows the reference, the kind, the date and the
SHA-256 of the file as issued, and nothing personal. Codes that match nothing are counted per
address, so codes can't be guessed by the thousand."""

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import ratelimit
from .documents.store import normalise_code
from .models import IssuedDocument


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("Printed under the QR code, e.g. 7KQ2M4XH9P."),
    )


def verify_form(request):
    form = CodeForm(request.GET or None)
    if form.is_valid():
        return redirect("verify_document", code=normalise_code(form.cleaned_data["code"]))
    return TemplateResponse(request, "forms_app/verify_document.html", {"form": form})


def verify_document(request, code):
    config = settings.FORMS_APP
    key = f"verify:ip:{ratelimit.client_ip(request)}"
    limit, window = config["VERIFY_FAILURES_PER_ADDRESS"], config["VERIFY_WINDOW"]
    context = {"form": CodeForm(initial={"code": code}), "code": code}
    wait = ratelimit.wait_for(key, limit=limit, window_seconds=window)
    if wait:
        minutes = max(1, -(-wait // 60))
        context["too_many"] = ngettext(
            "Too many codes matched nothing. Try again in %(m)s minute.",
            "Too many codes matched nothing. Try again in %(m)s minutes.",
            minutes,
        ) % {"m": minutes}
        response = TemplateResponse(request, "forms_app/verify_document.html", context, status=429)
        response["Retry-After"] = str(wait)
        return response
    document = (
        IssuedDocument.objects.filter(code=normalise_code(code))
        .select_related("submission")
        .first()
    )
    if document is None:
        ratelimit.hit(key, limit=limit, window_seconds=window)
    context["document"] = document
    return TemplateResponse(
        request, "forms_app/verify_document.html", context, status=200 if document else 404
    )
