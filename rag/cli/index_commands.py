"""`rag index`, `rag info` and `rag articles`: the write path and what it stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from news_rag.rag.cli.common import (
    StderrProgress,
    emit_json,
    handle_errors,
    index_option,
    json_option,
)


@click.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--prune", is_flag=True, help="Remove articles whose files are gone.")
@click.option(
    "--rebuild", is_flag=True, help="Re-chunk and re-embed everything (after a model change)."
)
@json_option
@handle_errors
def index_command(
    paths: tuple[Path, ...], index_dir: Path | None, prune: bool, rebuild: bool, as_json: bool
) -> None:
    """Index articles (files or folders; default: the bundled sample) into the index."""
    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.pipeline import run_index

    target = resolve_index_dir(index_dir)
    progress = StderrProgress()
    try:
        report = run_index(list(paths) or None, target, prune=prune, rebuild=rebuild,
                           progress=progress)  # fmt: skip
    finally:
        progress.close()
    if as_json:
        emit_json(report.to_dict())
        return
    click.echo(f"Index: {target}")
    for label, ids in (
        ("added", report.added),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
        ("removed", report.removed),
    ):
        shown = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
        click.echo(f"  {label:<10} {len(ids):>5}" + (f"  ({shown})" if ids else ""))
    click.echo(f"  embedded   {report.embedded_chunks:>5} chunks")
    click.echo(f"  total      {report.articles:>5} articles, {report.chunks} chunks")
    if report.generation is None:
        click.echo("  nothing changed; the index was not rewritten")
    for dup in report.duplicates:
        click.echo(f"  {dup.kind} duplicate: {dup.source_path} (same as {dup.article_id})")
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped)}:")
        for item in report.skipped:
            click.echo(f"  {item.path}: {item.reason}")


@click.command("info")
@index_option
@json_option
@handle_errors
def info_command(index_dir: Path | None, as_json: bool) -> None:
    """Show what the index holds: articles, chunks, model, size and last update."""
    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.reader import IndexReader

    reader = IndexReader.open(resolve_index_dir(index_dir))
    info: dict[str, Any] = reader.info()
    if as_json:
        emit_json(info)
        return
    for key in ("index_dir", "generation", "articles", "chunks", "model", "faiss", "bytes"):
        click.echo(f"{key:<12} {info[key]}")
    click.echo(f"{'created':<12} {info['created_at']}")
    click.echo(f"{'updated':<12} {info['updated_at']}")


@click.command("articles")
@index_option
@json_option
@handle_errors
def articles_command(index_dir: Path | None, as_json: bool) -> None:
    """List every indexed article's parsed metadata."""
    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.reader import IndexReader

    reader = IndexReader.open(resolve_index_dir(index_dir))
    rows = reader.article_rows()
    if as_json:
        emit_json({"articles": rows})
        return
    for row in rows:
        click.echo(f"{row['id']}  {row['title'] or '(no title)'}")
        click.echo(
            f"    {row['outlet'] or '-'} · {row['author'] or '-'} · {row['published'] or '-'}"
            f" · {row['chunks']} chunks"
        )
        if row["original_source"]:
            origin = row["original_source"] + (
                f", {row['original_published']}" if row["original_published"] else ""
            )
            click.echo(f"    re-posted from {origin}")
