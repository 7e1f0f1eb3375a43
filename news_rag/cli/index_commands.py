"""`rag index`, `rag info` and `rag articles`: the write path and what it stored."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from news_rag.cli.common import emit_json, handle_errors, with_progress
from news_rag.cli.options import (
    check_date_range,
    encoder_option,
    filter_options,
    index_option,
    json_option,
    sentence_vectors_option,
)

if TYPE_CHECKING:
    from news_rag.index.cluster.settings import ClusterSettings
    from news_rag.index.encoders.minilm import Embedder


def _index_embedder(
    target: Path,
    encoder: str | None,
    rebuild: bool,
    announce: Callable[[str], None],
    notices: list[str],
) -> Embedder:
    """What `rag index` embeds with: `encoder` (--encoder or $RAG_ENCODER), else the default
    of index/encoders/default.py: onnx-fp32 (torch fp32 with a notice in `notices` when its
    export fails), or the int8/bf16 encoder that built the index. Bulk work: every core."""
    from news_rag.index.encoders.default import (
        built_variant,
        default_index_embedder,
        load_index_encoder,
    )
    from news_rag.index.encoders.family import same_arithmetic
    from news_rag.index.encoders.query import manifest_model
    from news_rag.index.errors import IndexMismatchError

    if encoder is None:
        # torch (the fallback) reads this when it loads (only if there is something to embed)
        os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
        return default_index_embedder(target, notices, announce=announce)
    built = built_variant(manifest_model(target))  # None: new, or another model (check_model)
    if built is not None and not same_arithmetic(built, encoder) and not rebuild:
        raise IndexMismatchError(
            f"{target}: index was built by the {built} encoder, not {encoder}; add to it with "
            f"--encoder {built} (or no --encoder), or re-embed every article with: "
            f"rag index --rebuild --encoder {encoder} --index {target}"
        )
    return load_index_encoder(encoder, fallback=False, notices=notices, announce=announce)


def _sentence_mode(target: Path, given: str | None, rebuild: bool, embedder: Embedder) -> str:
    """`given`, else the mode that built the index, else (a new index) composed where the
    embedder can compose; another mode than the index's is refused in one line (vectors of
    the two never mix) unless --rebuild."""
    from news_rag.index.encoders.modes import (
        built_sentence_mode,
        check_sentence_mode,
        resolve_sentence_mode,
    )
    from news_rag.index.encoders.query import manifest_model

    model = manifest_model(target)
    built = built_sentence_mode(model) if model is not None else None
    mode = given or resolve_sentence_mode(target, None, embedder)
    check_sentence_mode(target, None if rebuild else built, mode)
    return mode


def ray_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--ray and its tuning options, gathered into one `cluster` argument (None: local)."""
    from news_rag.index.cluster.settings import DEFAULT_BATCH_ARTICLES

    options = [
        click.option("--ray", "ray_address", metavar="auto|ADDRESS", default=None,
                     help="Split, analyse and embed the new articles on a Ray cluster (auto: "
                     "the one this machine belongs to; else HOST:PORT of its head). Needs "
                     "the cluster extra; the index is written here, as without --ray."),
        click.option("--ray-batch", type=click.IntRange(min=1), default=DEFAULT_BATCH_ARTICLES,
                     show_default=True, help="Articles per Ray block (and per actor call)."),
        click.option("--ray-analysers", type=click.IntRange(min=1), default=None,
                     help="spaCy analysis actors (default: one per CPU of the cluster)."),
        click.option("--ray-encoders", type=click.IntRange(min=1), default=None,
                     help="Encoder actors (default: one per GPU, else one per CPU)."),
        click.option("--ray-encoder-gpus", type=click.FloatRange(min=0), default=None,
                     help="GPUs per encoder actor (default: 1 when the cluster has GPUs, "
                     "else 0)."),
    ]  # fmt: skip

    def gather(**kwargs: Any) -> Any:
        address = kwargs.pop("ray_address")
        batch, analysers = kwargs.pop("ray_batch"), kwargs.pop("ray_analysers")
        encoders, gpus = kwargs.pop("ray_encoders"), kwargs.pop("ray_encoder_gpus")
        kwargs["cluster"] = None
        if address is not None:
            from news_rag.index.cluster.settings import ClusterSettings

            kwargs["cluster"] = ClusterSettings(address, analysers, encoders, batch, gpus)
        return command(**kwargs)

    functools.update_wrapper(gather, command)
    wrapped: Callable[..., Any] = gather
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped


def _run_on_ray(
    paths: list[Path],
    target: Path,
    cluster: ClusterSettings,
    progress: Any,
    options: dict[str, Any],
) -> tuple[Any, dict[str, Any]]:
    """`rag index --ray`: the index report and what the cluster did (index/cluster)."""
    from news_rag.index.cluster.run import run_index_on_ray

    reports = with_progress(
        lambda progress: run_index_on_ray(paths or None, target, cluster, progress=progress,
                                          **options),
        progress,
    )  # fmt: skip
    return reports[0], reports[1].to_dict()


@click.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--prune", is_flag=True, help="Remove articles whose files are gone.")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Re-chunk and re-embed every stored article (after a model change or damage), from "
    "the newest generation whose meta.sqlite verifies; with no PATHS, only the index's own "
    "articles.",
)
@click.option(
    "--max-article-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=0.5,
    show_default=True,
    help="Skip any single article (a text file, one JSON record, an HTML page's text) larger "
    "than this: indexing takes about 2 CPU-minutes per MB of text.",
)
@click.option(
    "--faiss-factory",
    metavar="FACTORY",
    default=None,
    help="FAISS index factory string, e.g. Flat, IVF1024,SQ8 or HNSW32 (default: chosen by "
    "corpus size: exact Flat up to 50,000 chunks, IVF-SQ8 with exact re-scoring above).",
)
@encoder_option(
    "Encoder that embeds (onnx-int8 is the fastest; torch-bf16 needs a CPU with native "
    "bf16). Default: onnx-fp32 (torch fp32 if its export fails), or the int8/bf16 encoder "
    "that built the index. Vectors of two encoders never mix (torch-fp32 and onnx-fp32 are "
    "one fp32 arithmetic): switching an index needs --rebuild."
)
@sentence_vectors_option(
    "separate: embed each chunk, then each sentence on its own (every token twice); "
    "pooled: pool each sentence's vector from its chunk's forward pass; composed: embed "
    "each sentence on its own and compose each chunk's vector from its sentences' passes "
    "(every token once, packed several to a sequence; the same sentence vectors as "
    "separate). Default: the mode that built the index, else composed. Switching an index "
    "needs --rebuild."
)
@click.option("--quiet", "-q", is_flag=True,
              help="No progress on stderr (warnings and errors are still shown).")  # fmt: skip
@ray_options
@json_option
@handle_errors
def index_command(
    paths: tuple[Path, ...],
    index_dir: Path | None,
    prune: bool,
    rebuild: bool,
    max_article_mb: float,
    faiss_factory: str | None,
    encoder: str | None,
    sentence_mode: str | None,
    quiet: bool,
    cluster: ClusterSettings | None,
    as_json: bool,
) -> None:
    """Index articles (files or folders) into the index; a new index with no PATHS gets the
    bundled sample.

    Progress goes to stderr: a bar with rate and ETA on a terminal, else (a log, CI) a line
    at least every few seconds and a closing summary; --quiet silences both. With --ray, the
    new articles are split, analysed and embedded on a Ray cluster (the cluster extra)."""
    import time

    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.pipeline import run_index

    def announce(line: str) -> None:
        if not as_json and not quiet:  # --json: stdout and stderr stay machine-readable
            click.echo(line, err=True)

    target = resolve_index_dir(index_dir)
    notices: list[str] = []  # the default encoder's fallback to torch says why
    embedder = _index_embedder(target, encoder, rebuild, announce, notices)
    mode = _sentence_mode(target, sentence_mode, rebuild, embedder)
    started = time.monotonic()
    log_lines = not quiet and not as_json and not sys.stderr.isatty()
    progress = _index_progress(quiet, log_lines)
    options: dict[str, Any] = {
        "prune": prune, "rebuild": rebuild, "embedder": embedder,
        "max_article_bytes": int(max_article_mb * 1024 * 1024),
        "faiss_factory": faiss_factory, "sentence_mode": mode,
    }  # fmt: skip
    cluster_report: dict[str, Any] | None = None
    if cluster is None:
        report = with_progress(
            lambda progress: run_index(list(paths) or None, target, progress=progress, **options),
            progress,
        )
    else:
        report, cluster_report = _run_on_ray(list(paths), target, cluster, progress, options)
    if log_lines and getattr(progress, "spoke", False):
        click.echo(_summary_line(report, time.monotonic() - started), err=True)
    report.notices[:0] = notices
    report.notices += _after_index(target, announce)
    for notice in report.notices:  # recovery and quarantine: always said, also with --json
        click.echo(f"Warning: {notice}", err=True)
    if as_json:
        emit_json({**report.to_dict(), **({"cluster": cluster_report} if cluster_report else {})})
        return
    click.echo(f"Index: {target}")
    for label, ids in (
        ("added", report.added),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
        ("removed", report.removed),
    ):
        shown = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
        click.echo(f"  {label:<10} {len(ids):>5}" + (f"  ({shown})" if ids else ""))
    if cluster_report is not None:
        click.echo(f"  on Ray     {cluster_report['sent']:>5} articles sent to "
                   f"{cluster_report['address']} ({cluster_report['reused']} from a run "
                   "before)")  # fmt: skip
    click.echo(f"  embedded   {report.chunks_embedded:>5} chunks "
               f"({report.model_sequences} model sequences)")  # fmt: skip
    click.echo(f"  total      {report.articles:>5} articles, {report.chunks} chunks")
    if report.generation is None:
        click.echo("  nothing changed; the index was not rewritten")
    for dup in report.duplicates:
        click.echo(f"  {dup.kind} duplicate: {dup.source_path} (same as {dup.article_id})")
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped)}:")
        for item in report.skipped:
            click.echo(f"  {item.path}: {item.reason}")


@click.command("info")
@index_option
@json_option
@handle_errors
def info_command(index_dir: Path | None, as_json: bool) -> None:
    """Show what the index holds: articles, chunks, model, size and last update."""
    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.store.reader import IndexReader

    reader = IndexReader.open(resolve_index_dir(index_dir), pin=False)  # no FAISS/BM25 load
    info: dict[str, Any] = reader.info()
    info["encoder"] = _encoder_of(reader.manifest.get("model"))
    if as_json:
        emit_json(info)
        return
    for key in ("index_dir", "generation", "articles", "chunks", "model", "encoder", "faiss",
                "bytes"):  # fmt: skip
        click.echo(f"{key:<12} {info[key]}")
    click.echo(f"{'created':<12} {info['created_at']}")
    click.echo(f"{'updated':<12} {info['updated_at']}")


def _encoder_of(model: dict[str, Any] | None) -> str | None:
    """The encoder variant that wrote the index's live generation (index/encoders): the
    manifest's `model.variant`; an index from before variants: torch-fp32 (legacy)."""
    from news_rag.index.encoders.family import LEGACY_VARIANT
    from news_rag.index.encoders.minilm import MODEL_NAME

    model = model or {}
    variant = model.get("variant")
    if variant is None and model.get("name") == MODEL_NAME:
        return LEGACY_VARIANT
    return str(variant) if variant is not None else None


@click.command("articles")
@index_option
@filter_options("Only articles with this dateline.")
@json_option
@click.option("--nl", is_flag=True, help="NDJSON: one JSON article per line (implies --json).")
@handle_errors
def articles_command(index_dir: Path | None, outlet: str | None, author: str | None,
                     theme: str | None, since: str | None, until: str | None,
                     dateline: str | None, as_json: bool, nl: bool) -> None:  # fmt: skip
    """List the indexed articles' parsed metadata (ids in natural order; filters as in search)."""
    import json

    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.store.reader import IndexReader
    from news_rag.rag.catalog import select_rows
    from news_rag.rag.types import Filters

    check_date_range(since, until)
    filters = Filters(
        outlet=outlet, author=author, since=since, until=until, theme=theme, dateline=dateline
    )
    reader = IndexReader.open(resolve_index_dir(index_dir))
    rows = select_rows(reader.article_rows(), reader.articles(), filters)
    if nl:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if as_json:
        emit_json({"articles": rows})
        return
    for row in rows:
        click.echo(f"{row['id']}  {row['title'] or '(no title)'}")
        click.echo(
            f"    {row['outlet'] or '-'} · {row['author'] or '-'} · {row['published'] or '-'}"
            f" · {row['chunks']} chunks"
        )
        if row["original_source"]:
            origin = row["original_source"] + (
                f", {row['original_published']}" if row["original_published"] else ""
            )
            click.echo(f"    re-posted from {origin}")


# A log (stderr not a terminal) gets a progress line at least this often: "a line per 5 s"
# is what a person watching a CI log or `tail -f` expects; 2 s leaves room for a busy machine.
INDEX_LOG_LINE_S = 2.0
# ... once the work has run this long (and then a closing summary): a quick index, or one
# that fails at once with its one-line error, leaves the log as it was.
INDEX_LOG_QUIET_S = 2.0


def _index_progress(quiet: bool, log_lines: bool) -> Any:
    from news_rag.eval.progress import LineProgress, StderrProgress

    if quiet:
        return StderrProgress(enabled=False)
    if log_lines:
        return LineProgress(
            every_s=INDEX_LOG_LINE_S, heartbeat_s=INDEX_LOG_LINE_S, quiet_s=INDEX_LOG_QUIET_S
        )
    return StderrProgress()


def _after_index(target: Path, announce: Callable[[str], None]) -> list[str]:
    """What follows a build, each failure only a warning: once, the ONNX export that lets
    `rag ask` start without torch; the chat's example questions for the live generation."""
    from news_rag.index.encoders.query import ensure_query_export

    failed = (ensure_query_export(target, announce=announce), _store_examples(target))
    return [notice for notice in failed if notice is not None]


def _store_examples(target: Path) -> str | None:
    """The chat's example questions for the live generation, chosen from its analysis and
    checked by asking them (`rag.examples`), unless stored already; a failure only warns."""
    from news_rag.index.errors import RagError
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.examples import write_examples

    try:
        assistant = Assistant.open(target)
        if assistant.examples() is None:
            write_examples(assistant)
    except (RagError, OSError, ValueError, RuntimeError) as exc:  # the index stands regardless
        return f"example questions not stored: {(str(exc) or type(exc).__name__).splitlines()[0]}"
    return None


def _summary_line(report: Any, seconds: float) -> str:
    counts = ", ".join(
        f"{len(ids)} {label}"
        for label, ids in (
            ("added", report.added),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("removed", report.removed),
        )
    )
    return (
        f"indexed in {seconds:.1f} s: {report.articles} articles, {report.chunks} chunks "
        f"({counts}; {report.chunks_embedded} chunks embedded, {len(report.skipped)} skipped)"
    )
