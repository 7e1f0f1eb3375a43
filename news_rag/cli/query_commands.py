"""`rag ask` and `rag search`: one question, or many (`-` / `--batch FILE`) as NDJSON."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import click

from news_rag.cli.common import emit, handle_errors
from news_rag.cli.options import (
    check_date_range,
    filter_options,
    index_option,
    json_option,
    settings_option,
    stacked,
)
from news_rag.rag.render import terminal_answer, terminal_passage
from news_rag.rag.settings import MAX_K
from news_rag.rag.types import Filters, Passage

query_options = stacked([
    index_option,
    click.option("-k", "--k", "k", type=click.IntRange(1, MAX_K), default=None,
                 help="Passages to retrieve (default 10)."),
    click.option("--mode", type=click.Choice(["hybrid", "dense", "bm25"]), default=None,
                 help="Retrieval mode (default hybrid)."),
    filter_options("Only articles with this dateline place (whole place, any case: houston)."),
    settings_option(),
    click.option("--batch", "batch", type=click.File("r", encoding="utf-8"), default=None,
                 metavar="FILE", help="Read questions from FILE ('-': stdin), one per line or "
                 "JSON Lines; write NDJSON, one result per line."),
    json_option,
])  # fmt: skip


def _open(index_dir: Path | None, settings: Any) -> Any:
    from news_rag.rag.assistant import Assistant

    return Assistant.open(index_dir, settings)


def _filters(outlet: str | None, author: str | None, theme: str | None,
             since: str | None, until: str | None, dateline: str | None) -> Filters:  # fmt: skip
    check_date_range(since, until)
    return Filters(
        outlet=outlet, author=author, since=since, until=until, theme=theme, dateline=dateline
    )


def _batch_source(text: str | None, batch: IO[str] | None, what: str) -> IO[str] | None:
    """The stream to read many questions from, or None for a single `text`."""
    if batch is not None and text is not None:
        raise click.UsageError(f"give either {what} or --batch FILE, not both")
    if batch is not None:
        return batch
    if text is None:
        raise click.UsageError(f"missing {what} (or '-' to read them from stdin, or --batch FILE)")
    return sys.stdin if text == "-" else None


def _note_no_match(exc: Exception) -> None:
    click.echo(f"Note: {exc}; no results.", err=True)


@click.command("ask")
@click.argument("question", required=False)
@query_options
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also print the quotes left out of the answer (the rest of X's statements "
    "for 'What did X say?'); JSON always has them in more_citations.",
)
@click.option(
    "-c",
    "--continue",
    "continue_",
    is_flag=True,
    help="Ask as a follow-up in the latest chat session of this index (a new session "
    "when there is none), resolved as the chat resolves it, and save the turn there.",
)
@click.option(
    "--session",
    "session_id",
    type=int,
    default=None,
    metavar="ID",
    help="Ask as a follow-up in chat session ID (see `rag sessions`) and save the turn.",
)
@handle_errors
def ask_command(question: str | None, index_dir: Path | None, k: int | None, mode: str | None,
                outlet: str | None, author: str | None, theme: str | None, since: str | None,
                until: str | None, dateline: str | None, settings: Any, batch: IO[str] | None,
                as_json: bool, show_all: bool, continue_: bool,
                session_id: int | None) -> None:  # fmt: skip
    """Answer QUESTION with quoted, cited and attributed sentences from the articles: the
    short answer first (a name, an amount, a date), then the quote that proves it.

    QUESTION '-' (or --batch FILE) answers many questions with one model load and prints
    NDJSON: one answer object (as with --json) per line.
    """
    filters = _filters(outlet, author, theme, since, until, dateline)
    source = _batch_source(question, batch, "QUESTION")
    assistant = _open(index_dir, settings)
    if source is not None:

        def answer_one(item: Any) -> dict[str, Any]:
            found = assistant.ask(item.question, filters=item.filters, mode=item.mode, k=item.k)
            return dict(found.to_dict())

        _run_batch(source, filters, k, mode, answer_one)
        return
    assert question is not None
    if continue_ or session_id is not None:
        from news_rag.cli.continue_session import ask_in_session

        answer, kept_in = ask_in_session(assistant, question, session_id, filters, mode, k)
        if not as_json and kept_in is not None:
            click.echo(f"(session {kept_in}: rag sessions show {kept_in})", err=True)
    else:
        answer = assistant.ask(question, filters=filters, mode=mode, k=k)
    emit(answer.to_dict(), as_json, lambda: terminal_answer(answer, _bold, show_all))


@click.command("search")
@click.argument("query", required=False)
@query_options
@handle_errors
def search_command(query: str | None, index_dir: Path | None, k: int | None, mode: str | None,
                   outlet: str | None, author: str | None, theme: str | None,
                   since: str | None, until: str | None, dateline: str | None,
                   settings: Any, batch: IO[str] | None, as_json: bool) -> None:  # fmt: skip
    """Show the passages that best match QUERY, with their source labels.

    QUERY '-' (or --batch FILE) runs many queries with one model load and prints NDJSON: one
    result object (as with --json) per line. Filters that match no article give no results
    (exit 0) and a note on stderr.
    """
    from news_rag.rag.payloads import search_payload

    filters = _filters(outlet, author, theme, since, until, dateline)
    source = _batch_source(query, batch, "QUERY")
    assistant = _open(index_dir, settings)

    default_mode = assistant.settings.retrieval.mode

    def search_one(item: Any) -> dict[str, Any]:
        passages, elapsed = _search(assistant, item.question, item.k, item.mode, item.filters)
        return search_payload(item.question, item.mode or default_mode, item.filters,
                              passages, elapsed)  # fmt: skip

    if source is not None:
        _run_batch(source, filters, k, mode, search_one)
        return
    assert query is not None
    passages, elapsed = _search(assistant, query, k, mode, filters)
    data = search_payload(query, mode or default_mode, filters, passages, elapsed)
    emit(data, as_json, lambda: _passages_text(passages))


def _search(assistant: Any, query: str, k: int | None, mode: str | None,
            filters: Filters) -> tuple[list[Passage], float]:  # fmt: skip
    """The passages and the time taken (ms); no passages, and a note, when no article
    matches the filters."""
    from news_rag.rag.assistant import NoMatchError

    started = time.perf_counter()
    try:
        passages = assistant.search(
            query, k or assistant.settings.retrieval.k, filters=filters, mode=mode
        )
    except NoMatchError as exc:
        _note_no_match(exc)
        passages = []
    return list(passages), (time.perf_counter() - started) * 1000


def _run_batch(source: IO[str], filters: Filters, k: int | None, mode: str | None,
               handle: Callable[[Any], dict[str, Any]]) -> None:  # fmt: skip
    from news_rag.cli.batch import read_items, run_batch

    failed, ignored = run_batch(read_items(source, filters, k, mode), handle, sys.stdout)
    if ignored:
        click.echo(f"Note: ignored the input field(s) {', '.join(sorted(ignored))}.", err=True)
    if failed:
        click.echo(f'Error: {failed} line(s) failed; see their "error" fields.', err=True)
        raise SystemExit(1)


def _passages_text(passages: list[Passage]) -> str:
    ranked = [render_passage(rank, passage) for rank, passage in enumerate(passages, 1)]
    return "\n".join(ranked or ["No passages matched."])


def _bold(text: str) -> str:
    return click.style(text, bold=True)


def render_passage(rank: int, passage: Passage) -> str:
    return terminal_passage(rank, passage, _bold)
