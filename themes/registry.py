"""Finds the themes: one folder per theme under `themes/`, each with a `theme.toml` manifest.

A manifest names the theme, describes it and may name a parent:

    name = "Post-office counter"
    description = "Large type and targets for the counter."
    parent = "default"

A theme overrides any template or static file of its parent, which overrides its own parent's,
and so on up to the apps' own (Plone's theme inheritance, without touching any logic).
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

THEMES_DIR = Path(__file__).resolve().parent
DEFAULT_THEME = "default"


@dataclass(frozen=True)
class Theme:
    name: str  # the folder's name: what the site setting stores
    label: str
    description: str
    parent: str | None
    path: Path

    @property
    def templates_dir(self) -> Path:
        return self.path / "templates"

    @property
    def static_dir(self) -> Path:
        return self.path / "static"

    @property
    def chain(self) -> list["Theme"]:
        """This theme, its parent, the parent's parent…: where templates and static files are
        looked for, in order."""
        return theme_chain(self.name)


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
            label=data.get("name") or data.get("label") or name,
            description=data.get("description", ""),
            parent=data.get("parent") or None,
            path=manifest.parent,
        )
    return themes


def theme_chain(name: str | None) -> list[Theme]:
    """The theme and its ancestors; an unknown parent or a loop ends the chain, and the default
    theme always closes it (it holds the base templates every theme extends)."""
    themes = available_themes()
    chain, seen = [], set()
    current = themes.get(name or DEFAULT_THEME) or themes[DEFAULT_THEME]
    while current is not None and current.name not in seen:
        chain.append(current)
        seen.add(current.name)
        current = themes.get(current.parent) if current.parent else None
    if DEFAULT_THEME not in seen:
        chain.append(themes[DEFAULT_THEME])
    return chain


def get_theme(name: str | None) -> Theme:
    """The named theme, or the default one when the name is unknown (a theme folder was removed)."""
    themes = available_themes()
    return themes.get(name or DEFAULT_THEME) or themes[DEFAULT_THEME]


def theme_choices() -> list[tuple[str, str]]:
    return [(t.name, t.label) for t in available_themes().values()]


@cache
def _static_owner(theme_name: str, path: str, dirs: tuple[str, ...]) -> str | None:
    for theme in theme_chain(theme_name):
        if (theme.static_dir / path).is_file():
            return theme.name
    return None


def static_path(theme_name: str, path: str) -> str:
    """Where a theme's static file is served from: `themes/<owner>/<path>` for the nearest theme
    in the chain that has it, else `path` itself (an app's own static file)."""
    extra = tuple(str(p) for p in getattr(settings, "THEMES_DIRS", ()))
    owner = _static_owner(theme_name, path, extra)
    return f"themes/{owner}/{path}" if owner else path


def stylesheets(theme_name: str) -> list[str]:
    """Every theme's own `css/theme.css` from the root of the chain down, so a child theme's
    stylesheet holds only its differences."""
    return [
        f"themes/{t.name}/css/theme.css"
        for t in reversed(theme_chain(theme_name))
        if (t.static_dir / "css" / "theme.css").is_file()
    ]
