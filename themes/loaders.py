"""Template loaders that look in the active theme first, then the default theme."""

from django.template.loaders import cached, filesystem

from .context import active_theme_name
from .registry import DEFAULT_THEME, get_theme


class ThemeLoader(filesystem.Loader):
    def get_dirs(self):
        names = dict.fromkeys([active_theme_name.get(), DEFAULT_THEME])
        return [get_theme(name).templates_dir for name in names]


class CachedLoader(cached.Loader):
    """Django's cached loader, keyed by theme too, so themes never leak into each other."""

    def cache_key(self, template_name, skip=None):
        return f"{active_theme_name.get()}:{super().cache_key(template_name, skip)}"
