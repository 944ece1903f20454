"""Static files of every theme, served under `static/themes/<name>/`."""

from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.files.storage import FileSystemStorage

from .registry import available_themes


class ThemeFinder(FileSystemFinder):
    def __init__(self, app_names=None, *args, **kwargs):
        super().__init__(app_names, *args, **kwargs)
        self.locations = []
        self.storages = {}
        for theme in available_themes().values():
            if theme.static_dir.is_dir():
                self._add_location(f"themes/{theme.name}", str(theme.static_dir))

    def _add_location(self, prefix, root):
        self.locations.append((prefix, root))
        storage = FileSystemStorage(location=root)
        storage.prefix = prefix
        self.storages[root] = storage

    def check(self, **kwargs):
        return []
