"""The settings' error and range check, shared by every settings section."""

from __future__ import annotations

from news_rag.index.errors import RagError


class SettingsError(RagError):
    """A settings file or value is invalid."""


def check_range(name: str, value: float, low: float, high: float) -> None:
    """Raise `SettingsError` unless `low <= value <= high`."""
    if not low <= value <= high:
        raise SettingsError(f"setting {name}={value} is out of range [{low}, {high}]")
