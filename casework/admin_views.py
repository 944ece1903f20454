from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import selectors

HEALTH_WINDOW = timedelta(hours=1)


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
