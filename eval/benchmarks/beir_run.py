"""`rag benchmark beir` below its command line: index a BEIR dataset as `rag index` would,
score each retrieval mode (and the peer pipelines), and write the report."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from news_rag.eval.benchmarks.report import BenchmarkReport

StageProgress = Callable[[str, int, int], None]


def run_beir_benchmark(
    path: Path,
    split: str,
    index_dir: Path | None,
    modes: Sequence[str],
    *,
    peers: bool,
    limit_queries: int | None,
    progress: StageProgress,
    notices: list[str],
) -> BenchmarkReport:
    """Index the dataset at `path` (reused under `index_dir`), score `modes` on its `split`
    (and the peers, here and on the sample questions); the default encoder's fallback to
    torch says why in `notices`."""
    from news_rag.eval.benchmarks.beir import load_beir
    from news_rag.eval.benchmarks.beir_scores import (
        build_index,
        default_index_dir,
        limited,
        score_modes,
    )
    from news_rag.eval.benchmarks.peers import check_bench_extra, score_peers_on_beir
    from news_rag.eval.benchmarks.report import published_rows
    from news_rag.eval.benchmarks.sample import compare_on_sample
    from news_rag.index.encoders.default import default_index_embedder
    from news_rag.rag.loading import query_embedder

    dataset = load_beir(path, split)
    if peers:
        check_bench_extra()
    target = index_dir or default_index_dir(dataset)
    # as `rag index` builds and `rag ask` queries: the index's own encoder both ways
    build = build_index(dataset, target, default_index_embedder(target, notices), progress)
    embedder = query_embedder(target)
    systems = published_rows(dataset.name)
    systems += score_modes(dataset, target, embedder, list(modes), limit_queries, progress)
    sample = []
    if peers:
        systems += score_peers_on_beir(dataset, target, limit_queries, progress)
        sample = compare_on_sample(embedder, modes=list(modes), progress=progress)
    return BenchmarkReport(
        dataset=dataset.name,
        queries=len(limited(dataset, limit_queries)),
        corpus_size=dataset.corpus_size,
        index=build,
        systems=systems,
        sample=sample,
    )


def write_report(report: BenchmarkReport, path: Path) -> None:
    """The report as JSON (a `.json` path) or markdown."""
    text = (
        json.dumps(report.to_dict(), indent=2)
        if path.suffix == ".json"
        else report.to_markdown() + "\n"
    )
    path.write_text(text, encoding="utf-8")
