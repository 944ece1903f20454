"""Finds the themes: one folder per theme under `themes/`, each with a `theme.toml` manifest."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

THEMES_DIR = Path(__file__).resolve().parent
DEFAULT_THEME = "default"


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    description: str
    path: Path

    @property
    def templates_dir(self) -> Path:
        return self.path / "templates"

    @property
    def static_dir(self) -> Path:
        return self.path / "static"


def available_themes() -> dict[str, Theme]:
    """Themes in this package plus any folders listed in settings.THEMES_DIRS (a ministry can
    keep its own theme outside the repository)."""
    extra = tuple(str(p) for p in getattr(settings, "THEMES_DIRS", ()))
    return _scan((str(THEMES_DIR), *extra))


@cache
def _scan(dirs: tuple[str, ...]) -> dict[str, Theme]:
    themes = {}
    manifests = [m for d in dirs for m in sorted(Path(d).glob("*/theme.toml"))]
    for manifest in manifests:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        name = manifest.parent.name
        themes[name] = Theme(
            name=name,
            label=data.get("label", name),
            description=data.get("description", ""),
            path=manifest.parent,
        )
    return themes


def get_theme(name: str | None) -> Theme:
    """The named theme, or the default one when the name is unknown (a theme folder was removed)."""
    themes = available_themes()
    return themes.get(name or DEFAULT_THEME) or themes[DEFAULT_THEME]


def theme_choices() -> list[tuple[str, str]]:
    return [(t.name, t.label) for t in available_themes().values()]
