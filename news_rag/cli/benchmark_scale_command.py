"""`rag benchmark scale`: build 100k- and 1M-chunk indexes and time serving them."""

from __future__ import annotations

from pathlib import Path

import click

from news_rag.cli.common import emit_json, handle_errors, json_option


@click.command("scale")
@click.option(
    "--sizes",
    default="100000,1000000",
    show_default=True,
    help="Comma-separated corpus sizes (chunks) to build and serve.",
)
@click.option(
    "--corpus",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSONL articles whose chunks are embedded (default: eval/corpora/reuters-1000.jsonl.gz).",
)
@click.option("--queries", type=click.IntRange(min=1), default=200, show_default=True)
@click.option(
    "--work-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the indexes are built (default: the user cache dir); removed afterwards.",
)
@click.option("--keep", is_flag=True, help="Keep the built indexes.")
@click.option(
    "--ask/--no-ask",
    default=True,
    help="Also time `ask` on a real index generation (sizes up to 100k; minutes to build).",
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

    try:
        chosen = [int(s.replace("_", "")) for s in sizes.split(",") if s.strip()]
    except ValueError:
        raise click.BadParameter(f"{sizes!r}: give sizes like 100000,1000000") from None
    if not chosen or min(chosen) < 1:
        raise click.BadParameter(f"{sizes!r}: give positive sizes", param_hint="--sizes")
    from news_rag.cli.benchmark_command import stderr_progress

    progress = stderr_progress()
    try:
        report = run_scale_benchmark(
            chosen,
            corpus=corpus or DEFAULT_CORPUS,
            work_dir=work_dir or cache_dir(),
            queries=queries,
            keep=keep,
            ask=ask,
            progress=progress,
        )
    finally:
        progress.close()
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(report.to_markdown())
