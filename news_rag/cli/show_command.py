"""`rag show ARTICLE_ID [--at START:END]`: an article's cleaned text, a span highlighted.

Offsets (`char_start`/`char_end` in answers and search results) point into the cleaned text
that the index stores, not into the source file; this command prints that text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from news_rag.cli.common import emit_json, handle_errors
from news_rag.cli.options import SPAN, index_option, json_option

# Marks around the span when the output is not a terminal (no colour to highlight with).
PLAIN_MARKS = ("⟦", "⟧")


@click.command("show")
@click.argument("article_id")
@click.option(
    "--at",
    "span",
    type=SPAN,
    default=None,
    help="Highlight characters START:END of the cleaned text (as in citations).",
)
@index_option
@json_option
@handle_errors
def show_command(
    article_id: str, span: tuple[int, int] | None, index_dir: Path | None, as_json: bool
) -> None:
    """Print ARTICLE_ID's cleaned text and metadata, with START:END highlighted."""
    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.store.reader import IndexReader
    from news_rag.rag.payloads import OFFSETS_NOTE, article_payload, check_span
    from news_rag.rag.types import SourceLabel

    reader = IndexReader.open(resolve_index_dir(index_dir))
    article = reader.articles().get(article_id)
    if article is None:
        raise click.BadParameter(
            f"no article {article_id!r} in {reader.index_dir}; `rag articles` lists the ids",
            param_hint="'ARTICLE_ID'",
        )
    if span is not None:
        problem = check_span(article, span)
        if problem is not None:
            raise click.BadParameter(problem, param_hint="'--at'")
    if as_json:
        emit_json(article_payload(article, span))
        return
    label = SourceLabel(article.id, article.title, article.outlet, article.author,
                        article.published, article.url, article.source_path,
                        article.original_source, article.original_published,
                        dateline=article.dateline)  # fmt: skip
    click.echo(click.style(label.render(), bold=True))
    click.echo(f"{article.id} · {article.source_path}")
    click.echo(f"({OFFSETS_NOTE})")
    if span is not None:
        click.echo(f"chars {span[0]}-{span[1]} highlighted")
    click.echo()
    click.echo(highlight(article.text, span, color=sys.stdout.isatty()))


def highlight(text: str, span: tuple[int, int] | None, *, color: bool) -> str:
    """`text` with `span` shown in reverse video on a terminal, else between ⟦ ⟧."""
    if span is None:
        return text
    start, end = span
    inner = text[start:end]
    marked = (
        click.style(inner, reverse=True, bold=True)
        if color
        else f"{PLAIN_MARKS[0]}{inner}{PLAIN_MARKS[1]}"
    )
    return text[:start] + marked + text[end:]
