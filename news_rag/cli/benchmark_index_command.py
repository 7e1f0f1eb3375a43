"""`rag benchmark index CORPUS`: our indexing pipeline against LangChain's, in one run."""

from __future__ import annotations

from pathlib import Path

import click

from news_rag.cli.common import emit, handle_errors
from news_rag.cli.options import (
    dir_option,
    encoder_option,
    json_option,
    sentence_vectors_option,
)

# The size of the side-by-side comparison in issue 10 (300 Reuters articles).
DEFAULT_ARTICLES = 300


@click.command("index")
@click.argument("corpus", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--articles",
    type=click.IntRange(min=1),
    default=DEFAULT_ARTICLES,
    show_default=True,
    help="Index the first N articles of CORPUS (lines of a .jsonl/.jsonl.gz, or files of a "
    "folder).",
)
@encoder_option(
    "Our encoder (as `rag index --encoder`). Default: `rag index`'s default for a new "
    "index, onnx-fp32. LangChain always runs sentence-transformers fp32."
)
@sentence_vectors_option("As `rag index --sentence-vectors` (default: composed).")
@dir_option("--work-dir", "Where the articles and our index are written (default: the temp "
            "dir); removed after.")  # fmt: skip
@json_option
@handle_errors
def index_benchmark_command(
    corpus: Path,
    articles: int,
    encoder: str | None,
    sentence_mode: str | None,
    work_dir: Path | None,
    as_json: bool,
) -> None:
    """Index the first N articles of CORPUS with our pipeline and with LangChain's
    (RecursiveCharacterTextSplitter(1000, 100) + FAISS.from_documents, same MiniLM), each
    in its own process: wall time, texts/s, chunks/s, tokens/s, share of tokens embedded,
    peak RSS, and the time of a second, unchanged `rag index` run (needs the bench extra)."""
    from news_rag.eval.benchmarks.index_bench import run_index_benchmark

    report = run_index_benchmark(corpus, articles, encoder, work_dir, sentence_mode)
    emit(report.to_dict(), as_json, report.to_markdown)
