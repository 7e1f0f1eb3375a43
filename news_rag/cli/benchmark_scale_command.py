"""`rag benchmark scale`: build 100k- and 1M-chunk indexes and time serving them."""

from __future__ import annotations

from pathlib import Path

import click

from news_rag.cli.common import emit, handle_errors, with_progress
from news_rag.cli.options import comma_sizes, corpus_option, dir_option, json_option


@click.command("scale")
@click.option(
    "--sizes",
    default="100000,1000000",
    show_default=True,
    help="Comma-separated corpus sizes (chunks) to build and serve.",
)
@corpus_option("whose chunks are embedded")
@click.option("--queries", type=click.IntRange(min=1), default=200, show_default=True)
@dir_option("--work-dir", "Where the indexes are built (default: the user cache dir); removed "
            "afterwards.")  # fmt: skip
@click.option("--keep", is_flag=True, help="Keep the built indexes.")
@click.option(
    "--ask/--no-ask",
    default=True,
    help=(
        "Also time `ask` on a real index generation (sizes up to 1M where the disk allows; "
        "minutes to build)."
    ),
)
@json_option
@handle_errors
def scale_command(
    sizes: str,
    corpus: Path | None,
    queries: int,
    work_dir: Path | None,
    keep: bool,
    ask: bool,
    as_json: bool,
) -> None:
    """Build indexes of SIZES chunks (perturbed copies of real Reuters chunk vectors) and
    report build time, size, serving RSS, search p50/p95 and recall@10 (eval/RESULTS.md)."""
    from news_rag.eval.benchmarks.scale import run_scale_benchmark
    from news_rag.eval.benchmarks.scale_data import DEFAULT_CORPUS, cache_dir

    chosen = comma_sizes(sizes)
    report = with_progress(
        lambda progress: run_scale_benchmark(
            chosen,
            corpus=corpus or DEFAULT_CORPUS,
            work_dir=work_dir or cache_dir(),
            queries=queries,
            keep=keep,
            ask=ask,
            progress=progress,
        )
    )
    emit(report.to_dict(), as_json, report.to_markdown)
