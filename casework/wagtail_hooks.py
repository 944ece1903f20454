from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import admin_views
from .models import Case, RegistrySource, RuleParameters


class ReadOnlyPermissionHelper(PermissionHelper):
    """Cases change only through services (with a recorded reason), never by a form edit."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class CaseAdmin(ModelAdmin):
    model = Case
    menu_label = _("Cases")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    add_to_admin_menu = True
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ("reference", "status", "received_at", "status_changed_at")
    list_filter = ("status",)
    search_fields = ("reference",)
    inspect_view_fields = (
        "reference",
        "status",
        "received_at",
        "status_changed_at",
        "discrepancies",
    )


class RegistrySourceAdmin(ModelAdmin):
    """The registry catalogue: URLs, keys, timeouts, retries and breaker limits are data."""

    model = RegistrySource
    menu_label = _("Registries")
    menu_icon = "link-external"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ("code", "name_az", "base_url", "required", "enabled")
    list_filter = ("required", "enabled")
    search_fields = ("code", "name_az", "name_en")


modeladmin_register(CaseAdmin)
modeladmin_register(RegistrySourceAdmin)


class RuleParametersViewSet(SnippetViewSet):
    """The rules' parameters: drafts, revisions, moderation; publishing freezes a version."""

    model = RuleParameters
    icon = "calculator"
    menu_label = _("Rule parameters")
    menu_order = 330
    add_to_admin_menu = True
    list_display = [
        "title",
        "effective_from",
        LiveStatusTagColumn(label=_("Status")),
        UpdatedAtColumn(),
    ]
    edit_view_class = admin_views.RuleParametersEditView


register_snippet(RuleParametersViewSet)


@hooks.register("register_admin_urls")
def register_casework_admin_urls():
    return [
        path("registry-health/", admin_views.registry_health, name="casework_registry_health"),
        path(
            "rule-parameters/<int:pk>/simulate/",
            admin_views.simulate_rule_parameters,
            name="casework_simulate_rule_parameters",
        ),
    ]


class RegistryHealthMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("casework.view_registrysource")


@hooks.register("register_admin_menu_item")
def register_registry_health_menu_item():
    return RegistryHealthMenuItem(
        _("Registry health"), reverse("casework_registry_health"), icon_name="pulse", order=320
    )
