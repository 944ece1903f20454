from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import DeclarationForm


class DeclarationFormViewSet(SnippetViewSet):
    model = DeclarationForm
    icon = "form"
    menu_label = _("Declaration forms")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "live", "latest_revision_created_at"]
    search_fields = ["title"]


register_snippet(DeclarationFormViewSet)
