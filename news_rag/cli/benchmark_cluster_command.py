"""`rag benchmark cluster CORPUS`: `rag index` locally against `rag index --ray` on a local
Ray cluster of 1 and of 2 workers (index/cluster/benchmark.py)."""

from __future__ import annotations

from pathlib import Path

import click

from news_rag.cli.common import emit, handle_errors
from news_rag.cli.options import dir_option, json_option
from news_rag.index.cluster.settings import DEFAULT_BATCH_ARTICLES


@click.command("cluster")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--articles", type=click.IntRange(min=1), default=None,
              help="Index the first N records of CORPUS (default: all of them).")  # fmt: skip
@click.option("--workers", default="1,2", show_default=True,
              help="The cluster sizes to time, comma-separated (one CPU a worker).")  # fmt: skip
@click.option("--ray-batch", type=click.IntRange(min=1), default=DEFAULT_BATCH_ARTICLES,
              show_default=True,
              help="Articles per Ray block (as `rag index --ray-batch`).")  # fmt: skip
@dir_option("--work-dir", "Where the indexes and cluster logs are written (default: the "
            "temp dir); removed after.")  # fmt: skip
@json_option
@handle_errors
def cluster_benchmark_command(
    corpus: Path,
    articles: int | None,
    workers: str,
    ray_batch: int,
    work_dir: Path | None,
    as_json: bool,
) -> None:
    """Index CORPUS (.jsonl or .jsonl.gz) with a local `rag index` and with `rag index --ray`
    on local Ray clusters of 1 and 2 workers (a head that only coordinates, one CPU a
    worker, started and stopped here): wall time, articles/s, the ratios, Ray's own cost
    per block, and whether each Ray build is the local build's index (needs the cluster
    extra)."""
    from news_rag.index.cluster.benchmark import run_cluster_benchmark
    from news_rag.index.cluster.connect import import_ray

    sizes = [int(n) for n in workers.split(",") if n.strip().isdigit() and int(n) > 0]
    if not sizes:
        raise click.BadParameter(
            f"{workers!r}: give worker counts such as 1,2", param_hint="--workers"
        )
    import_ray()  # the cluster extra missing: one line before the first build
    report = run_cluster_benchmark(corpus, articles, sizes, work_dir, ray_batch)
    emit(report.to_dict(), as_json, report.to_markdown)
