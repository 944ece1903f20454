from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsAppConfig(AppConfig):
    name = "forms_app"
    verbose_name = _("Forms and submissions")

    def ready(self):
        from . import actions

        actions.register_builtin_actions()
