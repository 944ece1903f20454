from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .registry import DEFAULT_THEME, theme_choices


@register_setting(icon="image")
class ThemeSettings(BaseSiteSetting):
    """Which theme a Wagtail Site is shown in."""

    theme = models.CharField(
        _("theme"),
        max_length=64,
        default=DEFAULT_THEME,
        choices=theme_choices,
        help_text=_("The look of this site's public pages. The admin is not affected."),
    )

    class Meta:
        verbose_name = _("theme")
