"""The rule parameters in the admin: a draft simulated on past cases, beside the draft."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import Button
from wagtail.snippets.views import snippets

from ..models import RuleParameters
from ..simulations import what_if


def simulate_rule_parameters(request, pk):
    """The rule parameters' latest draft simulated on every decided case, beside the draft."""
    parameters = get_object_or_404(RuleParameters, pk=pk)
    if not request.user.has_perm("casework.change_ruleparameters"):
        raise PermissionDenied
    draft = parameters.get_latest_revision_as_object()
    return TemplateResponse(
        request,
        "casework/admin/simulate_rule_parameters.html",
        {
            "parameters": parameters,
            "draft": draft,
            "report": what_if(draft.parameter_values()),
            "page_title": _("Simulation on past cases"),
            "page_subtitle": parameters.title,
            "header_icon": "calculator",
        },
    )


class RuleParametersEditView(snippets.EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Simulate the draft on past cases"),
                url=reverse("casework_simulate_rule_parameters", args=[self.object.pk]),
                icon_name="calculator",
                priority=60,
            ),
        ]
