from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Site pages")

    def ready(self):
        from . import letter_case
        from .page_cache import connect_purge_signals

        connect_purge_signals()
        letter_case.install()
