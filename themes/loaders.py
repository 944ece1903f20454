"""Template loaders that look in the active theme, then its parents, then the apps' own."""

from django.template.loaders import cached, filesystem

from .context import active_theme_name
from .registry import theme_chain


class ThemeLoader(filesystem.Loader):
    def get_dirs(self):
        return [theme.templates_dir for theme in theme_chain(active_theme_name.get())]


class CachedLoader(cached.Loader):
    """Django's cached loader, keyed by theme too, so themes never leak into each other."""

    def cache_key(self, template_name, skip=None):
        return f"{active_theme_name.get()}:{super().cache_key(template_name, skip)}"
