"""`rag benchmark beir PATH` and `rag benchmark latency`: retrieval quality and speed.

Progress goes to stderr (a bar on a terminal, a line every few seconds otherwise); results
go to stdout as a markdown table or, with --json, one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from news_rag.rag.cli.common import StderrProgress, emit_json, handle_errors, json_option

DEFAULT_MODES = "bm25,dense,hybrid"


class LineProgress:
    """Progress as plain stderr lines (for logs): at most one line per `every_s` per stage."""

    def __init__(self, every_s: float = 10.0) -> None:
        self._every = every_s
        self._started = time.monotonic()
        self._last: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last.get(stage, 0.0) < self._every:
            return
        self._last[stage] = now
        sys.stderr.write(f"[{now - self._started:7.1f} s] {stage}: {done}/{total}\n")
        sys.stderr.flush()

    def close(self) -> None:
        return None


def _progress() -> StderrProgress | LineProgress:
    return StderrProgress(enabled=True) if sys.stderr.isatty() else LineProgress()


def _modes(value: str) -> list[str]:
    from news_rag.eval.benchmarks.run import MODES

    modes = [m.strip() for m in value.split(",") if m.strip()]
    bad = [m for m in modes if m not in MODES]
    if bad or not modes:
        raise click.BadParameter(
            f"unknown mode(s) {', '.join(bad) or '(none)'}; choose from {', '.join(MODES)}",
            param_hint="--modes",
        )
    return modes


@click.group("benchmark")
def benchmark_group() -> None:
    """Retrieval benchmarks (BEIR datasets, peer pipelines) and `rag ask` latency."""


@benchmark_group.command("beir")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index directory for this dataset (default: under the user cache dir); reused.",
)
@click.option("--modes", default=DEFAULT_MODES, show_default=True, help="Comma-separated modes.")
@click.option(
    "--peers/--no-peers",
    default=False,
    help="Also run the peer pipelines (needs the bench extra) here and on the sample questions.",
)
@click.option("--limit-queries", type=click.IntRange(min=1), default=None, help="Score N queries.")
@click.option("--split", default="test", show_default=True, help="qrels/<split>.tsv to score.")
@json_option
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the results to FILE (.json: JSON, else markdown).",
)
@handle_errors
def beir_command(
    path: Path,
    index_dir: Path | None,
    modes: str,
    peers: bool,
    limit_queries: int | None,
    split: str,
    as_json: bool,
    report_path: Path | None,
) -> None:
    """Index the BEIR dataset at PATH and score nDCG@10, recall@10/100 and MRR@10 per mode."""
    from news_rag.eval.benchmarks.beir import load_beir
    from news_rag.eval.benchmarks.peers import check_bench_extra, score_peers_on_beir
    from news_rag.eval.benchmarks.report import BenchmarkReport, published_rows
    from news_rag.eval.benchmarks.run import build_index, default_index_dir, limited, score_modes
    from news_rag.eval.benchmarks.sample import compare_on_sample
    from news_rag.index.embed import default_embedder

    chosen = _modes(modes)
    dataset = load_beir(path, split)
    if peers:
        check_bench_extra()
    embedder = default_embedder()
    target = index_dir or default_index_dir(dataset)
    progress = _progress()
    try:
        build = build_index(dataset, target, embedder, progress)
        systems = published_rows(dataset.name)
        systems += score_modes(dataset, target, embedder, chosen, limit_queries, progress)
        sample = []
        if peers:
            systems += score_peers_on_beir(dataset, target, limit_queries, progress)
            sample = compare_on_sample(embedder, modes=chosen, progress=progress)
    finally:
        progress.close()
    report = BenchmarkReport(
        dataset=dataset.name,
        queries=len(limited(dataset, limit_queries)),
        corpus_size=dataset.corpus_size,
        index=build,
        systems=systems,
        sample=sample,
    )
    if report_path is not None:
        text = (
            json.dumps(report.to_dict(), indent=2)
            if report_path.suffix == ".json"
            else report.to_markdown() + "\n"
        )
        report_path.write_text(text, encoding="utf-8")
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(report.to_markdown())


@benchmark_group.command("latency")
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index to ask (default: the bundled sample, indexed under the user cache dir).",
)
@click.option(
    "--questions",
    "questions_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Question file (default: the bundled sample questions).",
)
@json_option
@handle_errors
def latency_command(index_dir: Path | None, questions_path: Path | None, as_json: bool) -> None:
    """Measure `rag ask` latency (p50/p95/max) after the model is loaded."""
    from news_rag.eval.benchmarks.latency import measure_ask_latency

    progress = _progress()
    try:
        result = measure_ask_latency(index_dir, questions_path, progress)
    finally:
        progress.close()
    if as_json:
        emit_json(result.to_dict())
    else:
        click.echo(result.summary())
