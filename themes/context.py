"""The theme of the request being served, visible to the template loader (which has no request)."""

from contextvars import ContextVar

from .registry import DEFAULT_THEME

active_theme_name: ContextVar[str] = ContextVar("active_theme_name", default=DEFAULT_THEME)
