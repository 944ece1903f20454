from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework")

    def ready(self):
        from wagtail.signals import published

        # Each registers itself with forms_app: the action opening a case, the calculator, the
        # guard against a second open application, the audit of personal data seen, the status;
        # the system checks; the task queue's pulse (a q2 signal).
        from . import (  # noqa: F401
            actions,
            calculator,
            checks,
            guards,
            liveness,
            personal_data,
            status,
        )
        from .calendar import calendar_changed
        from .models import CalendarDay, RuleParameters
        from .schedules import ensure_registry_catalogue, ensure_schedules
        from .signals import freeze_published_rule_parameters

        published.connect(freeze_published_rule_parameters, sender=RuleParameters)
        post_save.connect(calendar_changed, sender=CalendarDay, dispatch_uid="calendar_saved")
        post_delete.connect(calendar_changed, sender=CalendarDay, dispatch_uid="calendar_deleted")
        post_migrate.connect(ensure_schedules, sender=self)
        post_migrate.connect(ensure_registry_catalogue, sender=self)
