"""`rag benchmark`: retrieval quality (beir), `ask` latency, cold start, encoders and HTTP;
`scale`, `index`, `cluster` and `lexical` are in their own modules
(benchmark_scale_command, benchmark_index_command, ...).

Progress goes to stderr (a bar on a terminal, a line every few seconds otherwise); results
go to stdout as a markdown table or, with --json, one JSON object.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from news_rag.cli.benchmark_cluster_command import cluster_benchmark_command
from news_rag.cli.benchmark_index_command import index_benchmark_command
from news_rag.cli.benchmark_lexical_command import lexical_command
from news_rag.cli.benchmark_scale_command import scale_command
from news_rag.cli.common import emit, handle_errors, with_progress
from news_rag.cli.options import (
    UNDER_CACHE,
    comma_choices,
    corpus_option,
    dir_option,
    file_option,
    index_dir_option,
    json_option,
)

DEFAULT_MODES = "bm25,dense,hybrid"


def _sample_index(verb: str, where: str = UNDER_CACHE) -> str:
    return f"Index to {verb} (default: the bundled sample, indexed {where})."


@click.group("benchmark")
def benchmark_group() -> None:
    """Retrieval benchmarks (BEIR datasets, peer pipelines) and `rag ask` latency."""


benchmark_group.add_command(scale_command)
benchmark_group.add_command(index_benchmark_command)
benchmark_group.add_command(cluster_benchmark_command)
benchmark_group.add_command(lexical_command)


@benchmark_group.command("beir")
@click.argument("path", type=click.Path(path_type=Path))
@index_dir_option("Index directory for this dataset (default: under the user cache dir); reused.")
@click.option("--modes", default=DEFAULT_MODES, show_default=True, help="Comma-separated modes.")
@click.option(
    "--peers/--no-peers",
    default=False,
    help="Also run the peer pipelines (needs the bench extra) here and on the sample questions.",
)
@click.option("--limit-queries", type=click.IntRange(min=1), default=None, help="Score N queries.")
@click.option("--split", default="test", show_default=True, help="qrels/<split>.tsv to score.")
@json_option
@file_option("--report", "Also write the results to FILE (.json: JSON, else markdown).",
             "report_path")  # fmt: skip
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
    from news_rag.eval.benchmarks.beir_run import run_beir_benchmark, write_report
    from news_rag.eval.benchmarks.beir_scores import MODES

    chosen = comma_choices(modes, MODES, "mode", "--modes")
    notices: list[str] = []  # the default encoder's fallback to torch says why
    report = with_progress(
        lambda progress: run_beir_benchmark(
            path,
            split,
            index_dir,
            chosen,
            peers=peers,
            limit_queries=limit_queries,
            progress=progress,
            notices=notices,
        )
    )
    for notice in notices:
        click.echo(f"Warning: {notice}", err=True)
    if report_path is not None:
        write_report(report, report_path)
    emit(report.to_dict(), as_json, report.to_markdown)


@benchmark_group.command("latency")
@index_dir_option(_sample_index("ask"))
@file_option("--questions", "Question file (default: the bundled sample questions).",
             "questions_path")  # fmt: skip
@json_option
@handle_errors
def latency_command(index_dir: Path | None, questions_path: Path | None, as_json: bool) -> None:
    """Measure `rag ask` latency (p50/p95/max) after the model is loaded."""
    from news_rag.eval.benchmarks.latency import measure_ask_latency

    result = with_progress(
        lambda progress: measure_ask_latency(index_dir, questions_path, progress)
    )
    emit(result.to_dict(), as_json, result.summary)


@benchmark_group.command("coldstart")
@index_dir_option(_sample_index("ask", "into a temporary folder"))
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
    emit(result.to_dict(), as_json, result.summary)


@benchmark_group.command("encoders")
@click.option(
    "--variants",
    default="torch-fp32,torch-bf16,onnx-fp32,onnx-int8",
    show_default=True,
    help="Comma-separated encoder variants (torch-fp32 always runs, as the reference).",
)
@corpus_option("to draw paragraphs from")
@click.option("--texts", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--spans/--no-spans", default=True, help="Also compare span-pooled sentences.")
@dir_option("--scifact", "BEIR dataset folder: also score dense document retrieval per variant.")
@click.option("--scifact-docs", type=click.IntRange(min=1), default=None, help="Corpus subset.")
@dir_option("--cache-dir", "ONNX export cache (default: $RAG_ENCODER_CACHE or the user cache "
            "dir).")  # fmt: skip
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
    report = with_progress(
        lambda progress: run_encoder_benchmark(
            chosen,
            corpus=corpus or DEFAULT_CORPUS,
            texts=texts,
            cache_dir=cache_dir,
            spans=spans,
            scifact=scifact,
            scifact_docs=scifact_docs,
            progress=progress,
        )
    )
    emit(report.to_dict(), as_json, report.to_markdown)


@benchmark_group.command("http")
@index_dir_option(_sample_index("serve"))
@click.option("--clients", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Concurrent clients.")  # fmt: skip
@click.option("--duration", "duration_s", type=click.FloatRange(1, 600), default=30.0,
              show_default=True, help="Seconds of load.")  # fmt: skip
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

    result = with_progress(
        lambda progress: run_http_load(index_dir, clients, duration_s, publish, progress)
    )
    emit(result.to_dict(), as_json, result.summary)
    if result.failed:
        raise SystemExit(1)  # a failed request, or a publish that failed or was never served
