from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FormsAppConfig(AppConfig):
    name = "forms_app"
    verbose_name = _("Forms and submissions")

    def ready(self):
        from wagtail.signals import published as wagtail_published

        from . import actions, checks, plugins, published  # noqa: F401  (checks register themselves)
        from .documents import receipts  # noqa: F401  (registers the receipt's renderer)
        from .models import DeclarationForm
        from .schedules import ensure_schedules
        from .schema.field_types import register_builtin_field_types
        from .signals import freeze_published_form

        actions.register_builtin_actions()
        plugins.register_builtins()
        register_builtin_field_types()
        published.connect_signals()
        wagtail_published.connect(freeze_published_form, sender=DeclarationForm)
        post_migrate.connect(ensure_schedules, sender=self)
