"""Shared CLI plumbing: JSON or text output, progress on stderr, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import click

if TYPE_CHECKING:
    from news_rag.eval.progress import LineProgress, StderrProgress

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class Closing(Protocol):
    """A `(stage, done, total)` progress callback that is closed when the work ends."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...

    def close(self) -> None: ...


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def emit(data: Any, as_json: bool, text: Callable[[], str]) -> None:
    """The command's result on stdout: `data` as one JSON object, or `text()`."""
    if as_json:
        emit_json(data)
    else:
        click.echo(text())


def with_progress(work: Callable[[Any], T], progress: Closing | None = None) -> T:
    """`work(progress)` with progress on stderr (default: a bar on a terminal, else a line
    every few seconds), closed however the work ends."""
    shown = progress if progress is not None else benchmark_progress()
    try:
        return work(shown)
    finally:
        shown.close()


def benchmark_progress() -> StderrProgress | LineProgress:
    from news_rag.eval.progress import stderr_progress

    return stderr_progress()


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
