from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import Case


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
    inspect_view_fields = ("reference", "status", "received_at", "status_changed_at")


modeladmin_register(CaseAdmin)
