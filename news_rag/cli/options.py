"""The options that several commands share (`--index`, `--json`, `--encoder`, `--corpus`,
the filters, ...) and the value types that check them: a bad value exits 2 with click's
"Invalid value for ..."."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]

INDEX_HELP = "Index directory (default: $RAG_INDEX, else the per-user data directory)."
SAMPLE_INDEX_HELP = "Index to {verb} (default: the bundled sample, indexed {where})."
UNDER_CACHE = "under the user cache dir"


def stacked(options: Sequence[Callable[[Any], Any]]) -> Callable[[F], F]:
    """One decorator applying `options` in order (the first is the first in --help)."""

    def apply(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return apply


def dir_option(name: str, help: str, dest: str | None = None) -> Callable[[F], F]:
    """A folder option (`--index`, `--work-dir`, ...): a Path, default None."""
    names = [name] if dest is None else [name, dest]
    folder = click.Path(file_okay=False, path_type=Path)
    return click.option(*names, type=folder, default=None, help=help)


def file_option(name: str, help: str, dest: str | None = None) -> Callable[[F], F]:
    """A file option (`--corpus`, `--report`, ...): a Path, default None."""
    names = [name] if dest is None else [name, dest]
    path = click.Path(dir_okay=False, path_type=Path)
    return click.option(*names, type=path, default=None, help=help)


def index_dir_option(help: str = INDEX_HELP) -> Callable[[F], F]:
    return dir_option("--index", help, "index_dir")


index_option = index_dir_option()
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")


def encoder_option(help: str) -> Callable[[F], F]:
    from news_rag.index.encoders import VARIANT_ENV, VARIANTS

    return click.option("--encoder", type=click.Choice(VARIANTS), default=None,
                        envvar=VARIANT_ENV, show_envvar=True, help=help)  # fmt: skip


def sentence_vectors_option(help: str) -> Callable[[F], F]:
    from news_rag.index.encoders.modes import SENTENCE_MODES

    return click.option("--sentence-vectors", "sentence_mode", type=click.Choice(SENTENCE_MODES),
                        default=None, help=help)  # fmt: skip


def corpus_option(what: str) -> Callable[[F], F]:
    """--corpus: the JSONL articles that a benchmark reads `what` from."""
    default = "eval/corpora/reuters-1000.jsonl.gz"
    return file_option("--corpus", f"JSONL articles {what} (default: {default}).")


def settings_option(help: str = "Settings JSON file.") -> Callable[[F], F]:
    return click.option("--settings", "settings", type=SETTINGS_FILE, default=None, help=help)


def filter_options(dateline_help: str) -> Callable[[F], F]:
    """--outlet, --author, --theme, --since, --until and --dateline (as `Filters`)."""
    return stacked([
        click.option("--outlet", default=None, help="Only articles from this outlet."),
        click.option("--author", default=None, help="Only articles by this author."),
        click.option("--theme", default=None, help="Only articles with this theme/tag."),
        click.option("--since", type=DATE, default=None, help="Only articles published on/after."),
        click.option("--until", type=DATE, default=None, help="Only articles published on/before."),
        click.option("--dateline", default=None, metavar="PLACE", help=dateline_help),
    ])  # fmt: skip


def bind_options(port_min: int, host_help: str) -> Callable[[F], F]:
    """--host (default loopback) and --port (default 8000)."""
    return stacked([
        click.option("--host", default="127.0.0.1", show_default=True, help=host_help),
        click.option("--port", type=click.IntRange(port_min, 65535), default=DEFAULT_PORT,
                     show_default=True),
    ])  # fmt: skip


DEFAULT_PORT = 8000


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


def comma_choices(value: str, allowed: Sequence[str], noun: str, option: str) -> list[str]:
    """A comma-separated list of `allowed` values ("bm25,dense"): each checked, none empty."""
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in chosen if v not in allowed]
    if bad or not chosen:
        raise click.BadParameter(
            f"unknown {noun}(s) {', '.join(bad) or '(none)'}; choose from {', '.join(allowed)}",
            param_hint=option,
        )
    return chosen


def comma_sizes(value: str) -> list[int]:
    """A comma-separated list of positive sizes ("100000,1000000"; "1_000_000" too)."""
    try:
        chosen = [int(s.replace("_", "")) for s in value.split(",") if s.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r}: give sizes like 100000,1000000") from None
    if not chosen or min(chosen) < 1:
        raise click.BadParameter(f"{value!r}: give positive sizes", param_hint="--sizes")
    return chosen
