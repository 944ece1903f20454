from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework")

    def ready(self):
        from . import actions, guards, personal_data, status  # noqa: F401  (register with forms_app)
        from .schedules import ensure_registry_catalogue, ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)
        post_migrate.connect(ensure_registry_catalogue, sender=self)
