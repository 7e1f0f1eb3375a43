"""`rag benchmark lexical`: bm25s and SQLite FTS5 lexical indexes over 1M+ chunk texts."""

from __future__ import annotations

from pathlib import Path

import click

from news_rag.cli.common import emit, handle_errors, with_progress
from news_rag.cli.options import comma_choices, comma_sizes, corpus_option, dir_option, json_option


@click.command("lexical")
@click.option("--sizes", default="1000000", show_default=True,
              help="Comma-separated corpus sizes (chunk texts).")  # fmt: skip
@click.option("--backends", default="bm25s,fts5", show_default=True, help="Lexical indexes.")
@corpus_option("whose sentences are mixed into the texts")
@click.option("--queries", type=click.IntRange(min=1), default=200, show_default=True,
              help="Title queries timed per index.")  # fmt: skip
@click.option("--k", type=click.IntRange(min=1), default=50, show_default=True,
              help="Results per query (hybrid search asks each retriever for 50).")  # fmt: skip
@click.option("--bm25s-max", type=click.IntRange(min=1), default=None,
              help="Largest size bm25s is built at (it builds in memory; default 1M).")  # fmt: skip
@dir_option("--work-dir", "Where the indexes are built (default: the user cache dir); removed "
            "afterwards.")  # fmt: skip
@click.option("--keep", is_flag=True, help="Keep the built indexes.")
@json_option
@handle_errors
def lexical_command(
    sizes: str,
    backends: str,
    corpus: Path | None,
    queries: int,
    k: int,
    bm25s_max: int | None,
    work_dir: Path | None,
    keep: bool,
    as_json: bool,
) -> None:
    """Build bm25s and SQLite FTS5 indexes of SIZES synthetic chunk texts (real sentences
    mixed) and report build time, peak RSS, disk, serving RSS and top-k p50/p95
    (eval/RESULTS.md)."""
    from news_rag.eval.benchmarks.lexical_scale import (
        BACKENDS,
        BM25S_MAX_SIZE,
        run_lexical_benchmark,
    )
    from news_rag.eval.benchmarks.scale_data import DEFAULT_CORPUS, cache_dir

    chosen = comma_sizes(sizes)
    report = with_progress(
        lambda progress: run_lexical_benchmark(
            chosen,
            corpus=corpus or DEFAULT_CORPUS,
            work_dir=work_dir or cache_dir(),
            backends=comma_choices(backends, BACKENDS, "backend", "--backends"),
            queries=queries,
            k=k,
            bm25s_max=bm25s_max or BM25S_MAX_SIZE,
            keep=keep,
            progress=progress,
        )
    )
    emit(report.to_dict(), as_json, report.to_markdown)
