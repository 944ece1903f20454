"""The registry catalogue's form (a key is write-only) and the registries' health."""

from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .. import selectors
from ..models import RegistrySource

HEALTH_WINDOW = timedelta(hours=1)


def _formfield(db_field, **kwargs):
    # A URL typed without a scheme is https (Django 6's default, asked for now).
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class RegistrySourceForm(WagtailAdminModelForm):
    """The catalogue's form with the API key write-only: never shown once stored; left empty,
    the stored key stays."""

    api_key = forms.CharField(
        label=_("API key"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Stored and never shown again. Leave empty to keep the current key."),
    )

    class Meta:
        model = RegistrySource
        fields = [
            "code",
            "name_az",
            "name_ru",
            "name_en",
            "base_url",
            "api_key",
            "connect_timeout",
            "read_timeout",
            "retries",
            "backoff_seconds",
            "required",
            "enabled",
            "batch_size",
            "failure_threshold",
            "open_seconds",
        ]
        formfield_callback = _formfield

    def clean_api_key(self):
        new = self.cleaned_data["api_key"]
        return new or (self.instance.api_key if self.instance.pk else "")


def registry_health(request):
    if not request.user.has_perm("casework.view_registrysource"):
        raise PermissionDenied
    since = timezone.now() - HEALTH_WINDOW
    return TemplateResponse(
        request,
        "casework/admin/registry_health.html",
        {
            "rows": selectors.registry_health(since=since),
            "since": since,
            "page_title": _("Registry health"),
            "header_icon": "pulse",
        },
    )
