"""`rag benchmark`: retrieval quality (beir), `ask` latency, cold start, encoders and HTTP;
`scale` and `index` are in their own modules (benchmark_scale_cli, benchmark_index_cli).

Progress goes to stderr (a bar on a terminal, a line every few seconds otherwise); results
go to stdout as a markdown table or, with --json, one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from news_rag.cli.benchmark_index_command import index_benchmark_command
from news_rag.cli.benchmark_scale_command import scale_command
from news_rag.cli.common import StderrProgress, emit_json, handle_errors, json_option

DEFAULT_MODES = "bm25,dense,hybrid"


class LineProgress:
    """Progress as plain stderr lines (for logs): at most one line per `every_s` per stage."""

    def __init__(self, every_s: float = 10.0) -> None:
        self._every = every_s
        self._started = time.monotonic()
        self._last: dict[str, float] = {}
        self._begun: dict[str, float] = {}  # when each stage was first reported

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        begun = self._begun.setdefault(stage, now)
        if done < total and now - self._last.get(stage, 0.0) < self._every:
            return
        self._last[stage] = now
        rate = ""
        if done > 0 and now > begun:
            per_s = done / (now - begun)
            left = int((total - done) / per_s)
            rate = f"  {per_s:.1f}/s, ETA {left // 60}:{left % 60:02d}"
        sys.stderr.write(f"[{now - self._started:7.1f} s] {stage}: {done}/{total}{rate}\n")
        sys.stderr.flush()

    def close(self) -> None:
        return None


def stderr_progress() -> StderrProgress | LineProgress:
    """A bar with rate and ETA on a terminal, else a line every few seconds (for logs)."""
    return StderrProgress(enabled=True) if sys.stderr.isatty() else LineProgress()


def _modes(value: str) -> list[str]:
    from news_rag.eval.benchmarks.beir_scores import MODES

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


benchmark_group.add_command(scale_command)
benchmark_group.add_command(index_benchmark_command)


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
    """Index the BEIR dataset at PATH and score nDCG@10, recall@10/100 and MRR@10 per mode.

    The index is built and queried as `rag index` and `rag ask` would: onnx-fp32 for a new
    index, else the encoder that built it.
    """
    from news_rag.eval.benchmarks.beir import load_beir
    from news_rag.eval.benchmarks.beir_scores import (
        build_index,
        default_index_dir,
        limited,
        score_modes,
    )
    from news_rag.eval.benchmarks.peers import check_bench_extra, score_peers_on_beir
    from news_rag.eval.benchmarks.report import BenchmarkReport, published_rows
    from news_rag.eval.benchmarks.sample import compare_on_sample
    from news_rag.index.encoders.default import default_index_embedder
    from news_rag.rag.loading import query_embedder

    chosen = _modes(modes)
    dataset = load_beir(path, split)
    if peers:
        check_bench_extra()
    target = index_dir or default_index_dir(dataset)
    progress = stderr_progress()
    notices: list[str] = []  # the default encoder's fallback to torch says why
    try:
        # as `rag index` builds and `rag ask` queries: the index's own encoder both ways
        build = build_index(dataset, target, default_index_embedder(target, notices), progress)
        embedder = query_embedder(target)
        systems = published_rows(dataset.name)
        systems += score_modes(dataset, target, embedder, chosen, limit_queries, progress)
        sample = []
        if peers:
            systems += score_peers_on_beir(dataset, target, limit_queries, progress)
            sample = compare_on_sample(embedder, modes=chosen, progress=progress)
    finally:
        progress.close()
    for notice in notices:
        click.echo(f"Warning: {notice}", err=True)
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

    progress = stderr_progress()
    try:
        result = measure_ask_latency(index_dir, questions_path, progress)
    finally:
        progress.close()
    if as_json:
        emit_json(result.to_dict())
    else:
        click.echo(result.summary())


@benchmark_group.command("coldstart")
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index to ask (default: the bundled sample, indexed into a temporary folder).",
)
@click.option("--runs", type=click.IntRange(min=1), default=3, show_default=True)
@click.option("--question", default=None, help="Question to ask (default: one about the sample).")
@click.option("--torch/--no-torch", "torch_too", default=True, help="Also time the torch path.")
@click.option("--chat/--no-chat", default=True, help="Also time the chat UI until ready.")
@json_option
@handle_errors
def coldstart_command(
    index_dir: Path | None,
    runs: int,
    question: str | None,
    torch_too: bool,
    chat: bool,
    as_json: bool,
) -> None:
    """Time cold `rag ask` (wall, peak RSS) and the chat UI until ready, in fresh processes."""
    from news_rag.eval.benchmarks.coldstart import DEFAULT_QUESTION, measure_coldstart

    try:
        result = measure_coldstart(
            index_dir, runs, question or DEFAULT_QUESTION, torch_too=torch_too, chat=chat
        )
    except RuntimeError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    if as_json:
        emit_json(result.to_dict())
    else:
        click.echo(result.summary())


@benchmark_group.command("encoders")
@click.option(
    "--variants",
    default="torch-fp32,torch-bf16,onnx-fp32,onnx-int8",
    show_default=True,
    help="Comma-separated encoder variants (torch-fp32 always runs, as the reference).",
)
@click.option(
    "--corpus",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSONL articles to draw paragraphs from (default: eval/corpora/reuters-1000.jsonl.gz).",
)
@click.option("--texts", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--spans/--no-spans", default=True, help="Also compare span-pooled sentences.")
@click.option(
    "--scifact",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="BEIR dataset folder: also score dense document retrieval per variant.",
)
@click.option("--scifact-docs", type=click.IntRange(min=1), default=None, help="Corpus subset.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="ONNX export cache (default: $RAG_ENCODER_CACHE or the user cache dir).",
)
@json_option
@handle_errors
def encoders_command(
    variants: str,
    corpus: Path | None,
    texts: int,
    spans: bool,
    scifact: Path | None,
    scifact_docs: int | None,
    cache_dir: Path | None,
    as_json: bool,
) -> None:
    """Agreement, speed and span pooling of the encoder variants (eval/RESULTS.md)."""
    from news_rag.eval.benchmarks.encoders import DEFAULT_CORPUS, run_encoder_benchmark

    chosen = [v.strip() for v in variants.split(",") if v.strip()]
    progress = stderr_progress()
    try:
        report = run_encoder_benchmark(
            chosen,
            corpus=corpus or DEFAULT_CORPUS,
            texts=texts,
            cache_dir=cache_dir,
            spans=spans,
            scifact=scifact,
            scifact_docs=scifact_docs,
            progress=progress,
        )
    finally:
        progress.close()
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(report.to_markdown())


@benchmark_group.command("http")
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index to serve (default: the bundled sample, indexed under the user cache dir).",
)
@click.option(
    "--clients",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Concurrent clients.",
)
@click.option(
    "--duration",
    "duration_s",
    type=click.FloatRange(1, 600),
    default=30.0,
    show_default=True,
    help="Seconds of load.",
)
@click.option(
    "--publish",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Run `rag index PATH` from the start (on a copy of the index) to show that a new "
    "generation is served without errors.",
)
@json_option
@handle_errors
def http_command(
    index_dir: Path | None, clients: int, duration_s: float, publish: Path | None, as_json: bool
) -> None:
    """Load-test the HTTP API on loopback: requests/s, p50, p99 and errors for /search and
    /ask (needs the server extra). Exits 1 when any request failed, or when --publish did not
    publish a generation that the server then served."""
    import importlib.util

    if any(importlib.util.find_spec(name) is None for name in ("fastapi", "uvicorn", "httpx")):
        raise click.ClickException(
            "rag benchmark http needs the server extra: pip install 'news-rag[server]'"
        )
    from news_rag.eval.benchmarks.http import run_http_load

    progress = stderr_progress()
    try:
        result = run_http_load(index_dir, clients, duration_s, publish, progress)
    finally:
        progress.close()
    if as_json:
        emit_json(result.to_dict())
    else:
        click.echo(result.summary())
    published = result.published
    if result.errors or (published is not None and published.get("served_after_s") is None):
        raise SystemExit(1)  # a failed request, or a publish that failed or was never served
