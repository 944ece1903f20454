from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import ApiKey, DeclarationForm, DeclarationFormVersion, Submission

# Registered before any view asks, or Wagtail would fall back to the model's own permissions.
register_permission_policy(Submission, admin_views.ReadOnlyPermissionPolicy(Submission))
# Whoever may edit a declaration form may see its versions.
register_permission_policy(
    DeclarationFormVersion,
    admin_views.ReadOnlyPermissionPolicy(
        DeclarationFormVersion,
        auth_model=DeclarationForm,
        view_actions=("add", "change", "publish", "view"),
    ),
)


class DeclarationFormViewSet(SnippetViewSet):
    model = DeclarationForm
    icon = "form"
    menu_label = _("Declaration forms")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", LiveStatusTagColumn(label=_("Status")), UpdatedAtColumn()]
    search_fields = ["title"]
    index_view_class = admin_views.DeclarationFormIndexView
    edit_view_class = admin_views.DeclarationFormEditView


class ReadOnlyViewSet(ModelViewSet):
    """A listing and an inspect view, nothing else: no add, edit, copy or delete views exist (and
    admin_views.ReadOnlyPermissionPolicy would refuse them)."""

    inspect_view_enabled = True
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


class SubmissionViewSet(ReadOnlyViewSet):
    model = Submission
    name = "submissions"
    icon = "clipboard-list"
    menu_label = _("Submissions")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = admin_views.SubmissionIndexView
    inspect_view_class = admin_views.SubmissionInspectView
    filterset_class = admin_views.SubmissionFilterSet
    search_fields = ["reference"]
    search_backend_name = None  # a plain `icontains` on the reference
    list_display = [
        "reference",
        Column("applicant_name", label=_("Applicant")),
        "submitted_at",
        "channel",
        "form_version",
    ]
    ordering = "-submitted_at"
    list_per_page = 50
    inspect_view_fields = [
        "reference",
        "service",
        "form_version",
        "channel",
        "branch",
        "operator",
        "language",
        "submitted_at",
        "digest",
    ]

    def get_permissions_to_register(self):
        # Only "view" can be given to a group: nobody adds, changes or deletes a submission.
        return super().get_permissions_to_register().filter(codename="view_submission")


class FormVersionViewSet(ReadOnlyViewSet):
    model = DeclarationFormVersion
    name = "form_versions"
    url_prefix = "form-versions"
    icon = "history"
    index_view_class = admin_views.FormVersionIndexView
    inspect_view_class = admin_views.FormVersionInspectView
    list_filter = ["form"]
    list_display = [
        "__str__",
        "published_at",
        "published_by",
        Column("submission_count", label=_("Submissions")),
    ]
    inspect_view_fields = ["form", "number", "published_at", "published_by", "content_hash"]

    def get_permissions_to_register(self):
        # Seeing versions comes with the declaration form's own permissions.
        return Permission.objects.none()


class ApiKeyViewSet(ModelViewSet):
    """The integrators' keys: issued (shown once), renamed, limited, revoked or deleted; the key
    itself is never shown again."""

    model = ApiKey
    name = "api_keys"
    url_prefix = "api-keys"
    icon = "key"
    menu_label = _("API keys")
    menu_order = 900
    add_to_settings_menu = True
    add_view_class = admin_views.ApiKeyCreateView
    edit_view_class = admin_views.permission_first(generic.EditView)
    delete_view_class = admin_views.permission_first(generic.DeleteView)
    history_view_class = admin_views.permission_first(history.HistoryView)
    usage_view_class = admin_views.permission_first(usage.UsageView)
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["name", "submissions_per_minute", "active"]
    list_display = ["name", "prefix", "submissions_per_minute", "active", "last_used_at"]
    list_filter = ["active"]


register_snippet(DeclarationFormViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [SubmissionViewSet(), FormVersionViewSet(), ApiKeyViewSet()]
