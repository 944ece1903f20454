from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .middleware import may_preview_themes


@hooks.register("register_admin_urls")
def register_theme_urls():
    return [
        path("themes/", views.gallery, name="themes_gallery"),
        path("themes/preview/", views.start_preview, name="themes_start_preview"),
        path("themes/preview/stop/", views.stop_preview, name="themes_stop_preview"),
    ]


class ThemeGalleryMenuItem(MenuItem):
    def is_shown(self, request):
        return may_preview_themes(request.user)


@hooks.register("register_settings_menu_item")
def register_theme_gallery_menu_item():
    return ThemeGalleryMenuItem(
        _("Theme gallery"), reverse("themes_gallery"), icon_name="view", order=950
    )
