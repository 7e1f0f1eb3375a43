"""`rag benchmark index CORPUS`: our indexing pipeline against LangChain's, in one run."""

from __future__ import annotations

from pathlib import Path

import click

from news_rag.cli.common import emit_json, handle_errors, json_option
from news_rag.index.encoders import VARIANT_ENV, VARIANTS
from news_rag.index.encoders.batches import SENTENCE_MODES

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
@click.option(
    "--encoder",
    type=click.Choice(VARIANTS),
    default=None,
    envvar=VARIANT_ENV,
    show_envvar=True,
    help="Our encoder (as `rag index --encoder`). Default: `rag index`'s default for a new "
    "index, onnx-fp32. LangChain always runs sentence-transformers fp32.",
)
@click.option(
    "--sentence-vectors",
    "sentence_mode",
    type=click.Choice(SENTENCE_MODES),
    default=None,
    help="As `rag index --sentence-vectors` (default: separate).",
)
@click.option(
    "--work-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the articles and our index are written (default: the temp dir); removed after.",
)
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
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(report.to_markdown())
