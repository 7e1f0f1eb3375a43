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
        sys.stderr.write(f"\r{stage:<10} [{bar}] {done}/{total}")
        sys.stderr.flush()
        self._shown = True

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
