"""Shared CLI plumbing: options, JSON output, progress on stderr, one-line errors."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def index_option(func: F) -> F:
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Index directory (default: $RAG_INDEX, else the per-user data directory).",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")(func)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


_UNITS = {"reading": "files", "analysing": "articles", "embedding": "texts"}  # per stage


class StderrProgress:
    """A progress bar on stderr that appears only for work longer than a second."""

    def __init__(self, *, enabled: bool | None = None, delay_s: float = 1.0) -> None:
        self._enabled = sys.stderr.isatty() if enabled is None else enabled
        self._delay = delay_s
        self._start = time.monotonic()
        self._stage = ""
        self._shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._enabled:
            return
        if stage != self._stage:
            if self._shown:
                sys.stderr.write("\n")
            self._stage, self._shown = stage, False
            self._start = time.monotonic()
        if not self._shown and time.monotonic() - self._start < self._delay and done < total:
            return
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{stage:<10} [{bar}] {done}/{total}{self._rate(stage, done, total)}")
        sys.stderr.flush()
        self._shown = True

    def _rate(self, stage: str, done: int, total: int) -> str:
        """' 41.3 texts/s, ETA 2:05' since the stage began (blank until there is a rate)."""
        elapsed = time.monotonic() - self._start
        if done <= 0 or elapsed <= 0:
            return ""
        rate = done / elapsed
        left = int((total - done) / rate) if done < total else 0
        unit = _UNITS.get(stage, "items")
        return f"  {rate:.1f} {unit}/s, ETA {left // 60}:{left % 60:02d}   "

    def close(self) -> None:
        if self._shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._shown = False


class UserError(click.ClickException):
    """A RagError shown as one line ("Error: ...") with exit status 1."""


def handle_errors(func: F) -> F:
    """Turn RagError into a one-line message and a non-zero exit; never a traceback."""
    import functools

    from news_rag.index.errors import RagError

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RagError as exc:
            raise UserError(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


# --- option value types: a bad value exits 2 with click's "Invalid value for ..." -------


class DateType(click.ParamType):
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD), kept as typed (a partial `--until`
    covers its whole year or month)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from news_rag.rag.retrieve import FilterError, parse_date

        text = str(value).strip()
        try:
            parse_date(text, param.name if param and param.name else "date")
        except FilterError:
            self.fail(f"{value!r} is not a date; use YYYY-MM-DD (or YYYY, YYYY-MM)", param, ctx)
        return text


class SettingsFileType(click.ParamType):
    """A settings JSON file, loaded and validated into `Settings`."""

    name = "FILE.json"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from news_rag.rag.settings import Settings, SettingsError

        if not isinstance(value, str | Path):
            return value  # already a Settings (a default)
        path = Path(value)
        if not path.is_file():
            self.fail(f"{str(path)!r}: no such settings file; check the path", param, ctx)
        try:
            return Settings.from_file(path)
        except SettingsError as exc:
            self.fail(str(exc), param, ctx)


class SpanType(click.ParamType):
    """`START:END` character offsets into an article's cleaned text (END > START >= 0)."""

    name = "START:END"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        start, sep, end = str(value).partition(":")
        if not sep or not start.strip().isdigit() or not end.strip().isdigit():
            self.fail(f"{value!r} is not START:END (two character offsets)", param, ctx)
        first, last = int(start), int(end)
        if last <= first:
            self.fail(f"{value!r}: END must be greater than START", param, ctx)
        return first, last


DATE = DateType()
SETTINGS_FILE = SettingsFileType()
SPAN = SpanType()


def check_date_range(since: str | None, until: str | None) -> None:
    """Exit 2 (click usage error) when `since` falls after the end of `until`."""
    if not since or not until:
        return
    from news_rag.rag.catalog import date_bounds
    from news_rag.rag.types import Filters

    low, high = date_bounds(Filters(since=since, until=until))
    if low and high and low > high:
        raise click.BadParameter(
            f"{since} is after --until {until}; swap them or widen the range",
            param_hint="'--since'",
        )
