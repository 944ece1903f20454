"""Finds the themes: one folder per theme under `themes/`, each with a `theme.toml` manifest."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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


@cache
def available_themes() -> dict[str, Theme]:
    themes = {}
    for manifest in sorted(THEMES_DIR.glob("*/theme.toml")):
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
