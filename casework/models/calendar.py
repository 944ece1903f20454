"""Days the government moves: extra days off, and Saturdays or Sundays made working days. The
public holidays themselves (with their transfers) come from the `holidays` package."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    note = models.CharField(
        _("why"), max_length=200, help_text=_("e.g. the Cabinet of Ministers' order moving it.")
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working calendar")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day}: {self.get_kind_display()}"
