"""`rag ask` and `rag search`."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from news_rag.rag.cli.common import emit_json, handle_errors, index_option, json_option
from news_rag.rag.types import Answer, Filters, Passage

F = TypeVar("F", bound=Callable[..., Any])


def query_options(func: F) -> F:
    options = [
        index_option,
        click.option("--k", "k", type=int, default=None, help="Passages to retrieve (default 10)."),
        click.option(
            "--mode",
            type=click.Choice(["hybrid", "dense", "bm25"]),
            default=None,
            help="Retrieval mode (default hybrid).",
        ),
        click.option("--outlet", default=None, help="Only articles from this outlet."),
        click.option("--author", default=None, help="Only articles by this author."),
        click.option("--theme", default=None, help="Only articles with this theme/tag."),
        click.option("--since", default=None, help="Only articles published on/after YYYY-MM-DD."),
        click.option("--until", default=None, help="Only articles published on/before YYYY-MM-DD."),
        click.option(
            "--settings",
            "settings_file",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Settings JSON file.",
        ),
        json_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _open(index_dir: Path | None, settings_file: Path | None) -> Any:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    settings = Settings.from_file(settings_file) if settings_file else None
    return Assistant.open(index_dir, settings)


def _filters(outlet: str | None, author: str | None, theme: str | None,
             since: str | None, until: str | None) -> Filters:  # fmt: skip
    from news_rag.rag.retrieve import parse_date

    if since:
        parse_date(since, "since")
    if until:
        parse_date(until, "until")
    return Filters(outlet=outlet, author=author, since=since, until=until, theme=theme)


def _check_k(k: int | None) -> None:
    if k is not None and k < 1:
        raise click.BadParameter("must be at least 1", param_hint="--k")


@click.command("ask")
@click.argument("question")
@query_options
@handle_errors
def ask_command(question: str, index_dir: Path | None, k: int | None, mode: str | None,
                outlet: str | None, author: str | None, theme: str | None, since: str | None,
                until: str | None, settings_file: Path | None, as_json: bool) -> None:  # fmt: skip
    """Answer QUESTION with quoted, cited and attributed sentences from the articles."""
    _check_k(k)
    filters = _filters(outlet, author, theme, since, until)
    assistant = _open(index_dir, settings_file)
    answer = assistant.ask(question, filters=filters, mode=mode, k=k)
    if as_json:
        emit_json(answer.to_dict())
    else:
        click.echo(render_answer(answer))


@click.command("search")
@click.argument("query")
@query_options
@handle_errors
def search_command(query: str, index_dir: Path | None, k: int | None, mode: str | None,
                   outlet: str | None, author: str | None, theme: str | None,
                   since: str | None, until: str | None, settings_file: Path | None,
                   as_json: bool) -> None:  # fmt: skip
    """Show the passages that best match QUERY, with their source labels."""
    import time

    _check_k(k)
    filters = _filters(outlet, author, theme, since, until)
    assistant = _open(index_dir, settings_file)
    started = time.perf_counter()
    passages = assistant.search(query, k or 10, filters=filters, mode=mode)
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    if as_json:
        emit_json(
            {
                "query": query,
                "mode": mode or assistant.settings.retrieval.mode,
                "filters": filters.to_dict(),
                "results": [p.to_dict() for p in passages],
                "timings_ms": {"total": elapsed},
            }
        )
        return
    if not passages:
        click.echo("No passages matched.")
    for rank, passage in enumerate(passages, 1):
        click.echo(render_passage(rank, passage))


def _wrap(text: str, indent: str = "    ") -> str:
    return "\n".join(
        textwrap.fill(line, width=96, initial_indent=indent, subsequent_indent=indent)
        for line in text.splitlines()
        if line.strip()
    )


def render_passage(rank: int, passage: Passage) -> str:
    head = click.style(f"{rank:>2}. {passage.source.render()}", bold=True)
    lines = [f"{head}  (score {passage.score:.4f}, {passage.article_id})", _wrap(passage.text)]
    lines += [f"    also in: {s.render()}" for s in passage.also_in]
    return "\n".join(lines) + "\n"


def render_answer(answer: Answer) -> str:
    lines = [answer.answer, ""]
    if answer.citations:
        lines.append(click.style("Sources", bold=True))
        for c in answer.citations:
            flag = "  ⚠ conflicting report" if c.conflict_group is not None else ""
            lines.append(f"[{c.n}] {c.source.render()}{flag}")
            lines.append(f"    claimed by: {c.claimant}")
            lines.append(_wrap(f"“{c.quote}”"))
            where = c.source.url or c.source.source_path
            lines.append(f"    {c.article_id} chars {c.char_start}-{c.char_end} · {where}")
            lines += [f"    also in: {s.render()}" for s in c.also_in]
    elif answer.abstained and answer.passages:
        lines.append(click.style("Nearest passages", bold=True))
        for rank, passage in enumerate(answer.passages[:3], 1):
            lines.append(render_passage(rank, passage))
    return "\n".join(lines).rstrip() + "\n"
