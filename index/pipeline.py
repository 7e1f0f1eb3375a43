"""`rag index`: load, clean, dedupe, chunk, embed and publish a new index generation.

Incremental: an article whose cleaned text and metadata are unchanged keeps its chunks,
and a chunk whose text was embedded before reuses its stored vector (keyed by the text's
sha256), so re-indexing an unchanged corpus embeds nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from news_rag.index.analysis.indexing import analyse_step, previous_analysis_current
from news_rag.index.analysis.store import ArticleAnalyser
from news_rag.index.chunk import ChunkerConfig
from news_rag.index.clean.article import find_repeated_lines
from news_rag.index.encoders.batches import embed_all
from news_rag.index.encoders.minilm import Embedder
from news_rag.index.encoders.modes import (
    built_sentence_mode,
    check_sentence_mode,
    pooling_embedder,
    resolve_sentence_mode,
)
from news_rag.index.errors import InputError
from news_rag.index.hashing import sha256_file
from news_rag.index.load.loaders import MAX_ARTICLE_BYTES, discover, load_file
from news_rag.index.merge import clean_all, live_duplicates, merge, unchanged_report
from news_rag.index.paths import sample_dir
from news_rag.index.report import IndexReport
from news_rag.index.split import chunk_all, sentences_all
from news_rag.index.store.database import SentenceSpan, SourceRecord
from news_rag.index.store.previous import PreviousIndex, load_for_write
from news_rag.index.store.publish import has_generations, write_lock
from news_rag.index.types import Article, Chunk, RawArticle
from news_rag.index.write import EncodingSettings, GenerationContents, publish

ProgressCallback = Callable[[str, int, int], None]  # (stage, done, total)
# (run, previous, kept) -> the kept articles' chunks and sentence spans, computed elsewhere
# (index/cluster: on a Ray cluster, which also leaves the new articles' analysis with the
# run's analyser and their vectors in the embedding checkpoint); None: chunk_all and
# sentences_all in this process.
PrepareStage = Callable[
    ["IndexRun", PreviousIndex, list[Article]], tuple[list[Chunk], list[SentenceSpan]]
]


@dataclass(frozen=True)
class IndexRun:
    """One `run_index` call: what to read, into where, and how."""

    index_dir: Path
    roots: list[Path]
    files: list[Path]
    own_corpus: bool  # no paths given: re-index the index's own stored articles
    prune: bool
    rebuild: bool
    encoding: EncodingSettings
    max_article_bytes: int
    analyser: ArticleAnalyser | None  # None: spaCy (index/analysis)
    progress: ProgressCallback | None
    prepare: PrepareStage | None = None  # None: split in this process


def run_index(
    paths: Sequence[str | Path] | None,
    index_dir: Path,
    *,
    prune: bool = False,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    chunker_config: ChunkerConfig | None = None,
    faiss_factory: str | None = None,  # None: chosen by corpus size (index/store/ann.py)
    progress: ProgressCallback | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    analyser: ArticleAnalyser | None = None,  # None: spaCy (index/analysis)
    sentence_mode: str | None = None,  # None: the index's, else composed (encoders/modes.py)
    prepare: PrepareStage | None = None,  # None: split here (index/cluster: on Ray)
) -> IndexReport:
    """Index `paths` into `index_dir`; an article over `max_article_bytes` is skipped.

    With no paths, an index that exists is re-indexed from its own stored articles (with
    `rebuild`, re-embedded; otherwise nothing changes); only a new index gets the sample.
    """
    report = IndexReport(index_dir=str(index_dir))
    own_corpus = not paths and has_generations(index_dir)
    roots = [Path(p) for p in paths] if paths else ([] if own_corpus else [sample_dir()])
    embedder = _base_embedder(embedder, index_dir, report.notices)
    sentence_mode = resolve_sentence_mode(index_dir, sentence_mode, embedder)  # encoders/batches.py
    encoding = EncodingSettings(
        _index_embedder(embedder, sentence_mode),
        sentence_mode,
        chunker_config or ChunkerConfig(),
        faiss_factory,
    )
    files = _files(roots, own_corpus, max_article_bytes, report)
    run = IndexRun(index_dir, roots, files, own_corpus, prune, rebuild, encoding,
                   max_article_bytes, analyser, progress, prepare)  # fmt: skip
    with write_lock(index_dir, report.notices):
        return _index_locked(run, report)


def _base_embedder(embedder: Embedder | None, index_dir: Path, notices: list[str]) -> Embedder:
    if embedder is None:  # onnx-fp32 on first use; torch fp32 and a notice if its export fails
        from news_rag.index.encoders.default import default_index_embedder

        embedder = default_index_embedder(index_dir, notices)
    return embedder


def _index_embedder(embedder: Embedder, sentence_mode: str) -> Embedder:
    return pooling_embedder(embedder) if sentence_mode in ("pooled", "composed") else embedder


def _files(
    roots: list[Path], own_corpus: bool, max_article_bytes: int, report: IndexReport
) -> list[Path]:
    """The supported files under `roots`; an InputError when there are none to index."""
    found, skipped = discover(roots, max_article_bytes=max_article_bytes)
    # Absolute (not resolved: a symlink inside the folder keeps its name) so that ids and
    # --prune do not depend on the working directory.
    files = [Path(os.path.abspath(f)) for f in found]  # noqa: PTH100
    report.skipped.extend(skipped)
    if not files and not own_corpus:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no supported files"
        raise InputError(
            f"nothing to index in {', '.join(map(str, roots))} ({reasons}); "
            "give files or folders of .txt, .md, .html, .jsonl or .json articles"
        )
    return files


def _index_locked(run: IndexRun, report: IndexReport) -> IndexReport:
    """The stages that need the write lock: read, merge, build and publish."""
    previous = _previous(run, report)
    current = _previous_current(previous, run)
    # a raised --max-article-mb may admit articles skipped last time: read them again
    quick = (
        current and not (run.rebuild or run.prune) and run.max_article_bytes == MAX_ARTICLE_BYTES
    )
    same = previous.unchanged_sources(run.files) if quick else None
    if same is not None and run.files:  # every file as indexed last time: nothing to read
        return unchanged_report(report, previous, same)
    raws, sources, failed = _load_raws(run.files, report, run.progress, run.max_article_bytes)
    repeated = previous.repeated_lines | find_repeated_lines([r.text for r in raws])
    articles, new_sources = clean_all(raws, sources, previous, repeated, report)
    if not articles and not previous.articles:
        raise InputError(
            "no article could be indexed: "
            + "; ".join(f"{s.path}: {s.reason}" for s in report.skipped)
        )
    kept = merge(previous, articles, new_sources, run.roots, failed, run.prune, report)
    changed = report.added or report.updated or report.removed
    if not run.rebuild and current and not changed:
        report.articles = len(previous.articles)
        report.chunks = len(previous.chunks)
        return report
    if not kept:
        raise InputError(f"{run.index_dir}: refusing to write an empty index (all pruned)")
    contents = _build(run, previous, kept, new_sources, repeated, report)
    _publish(run, previous, contents, report)
    return report


def _previous(run: IndexRun, report: IndexReport) -> PreviousIndex:
    """The live generation to build on (none with a damaged one set aside, see notices)."""
    embedder = run.encoding.embedder
    previous = load_for_write(
        run.index_dir, embedder, rebuild=run.rebuild, own_corpus=run.own_corpus
    )
    report.notices.extend(previous.notices)
    if previous.generation is not None and previous.vectors_path and not run.rebuild:
        built = built_sentence_mode(previous.generation.manifest.get("model"))
        check_sentence_mode(run.index_dir, built, run.encoding.sentence_mode)  # never mix
    return previous


def _previous_current(previous: PreviousIndex, run: IndexRun) -> bool:
    """Whether the previous generation was built with this run's settings and analysis."""
    factory = run.encoding.faiss_factory
    unchanged_config = previous.chunker == run.encoding.chunker.to_dict() and (
        factory is None or previous.faiss_factory == factory
    )
    return unchanged_config and not previous.recovered and previous_analysis_current(previous)


def _load_raws(
    files: Sequence[Path],
    report: IndexReport,
    progress: ProgressCallback | None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> tuple[list[RawArticle], dict[str, SourceRecord], set[str]]:
    raws: list[RawArticle] = []
    sources: dict[str, SourceRecord] = {}
    failed: set[str] = set()
    for n, path in enumerate(files, 1):
        found, skipped = load_file(path, max_article_bytes=max_article_bytes)
        report.skipped.extend(skipped)
        if found:
            raws.extend(found)
            sources[str(path)] = SourceRecord(str(path), sha256_file(path), path.stat().st_size, ())
        else:
            failed.add(str(path))
        if progress:
            progress("reading", n, len(files))
    return raws, sources, failed


def _build(
    run: IndexRun,
    previous: PreviousIndex,
    kept: list[Article],
    new_sources: dict[str, SourceRecord],
    repeated: frozenset[str],
    report: IndexReport,
) -> GenerationContents:
    """Chunk, split, analyse and embed the kept articles (reusing what is unchanged)."""
    embedder, mode = run.encoding.embedder, run.encoding.sentence_mode
    if run.prepare is not None:
        chunks, sentences = run.prepare(run, previous, kept)
    else:
        chunks = chunk_all(kept, previous, embedder, run.encoding.chunker, run.rebuild)
        sentences = sentences_all(kept, previous)
    analysis = analyse_step(kept, sentences, previous, run.rebuild, run.analyser, run.progress)
    by_id = {a.id: a for a in kept}
    embedded = embed_all(chunks, sentences, by_id, previous, embedder, run.index_dir,
                         run.progress, sentence_vectors=mode)  # fmt: skip
    report.embedded_chunks = embedded.embedded_chunks
    report.embedded_sentences = embedded.embedded_sentences
    report.model_sequences = embedded.sequences
    report.pooled_sentences = embedded.pooled_sentences
    report.composed_chunks = embedded.composed_chunks
    all_sources = {**{s.path: s for s in previous.sources}, **new_sources}
    live = {a.source_path for a in kept}
    return GenerationContents(
        articles=kept,
        chunks=chunks,
        chunk_hashes=embedded.hashes,
        sentences=sentences,
        sources=[s for p, s in sorted(all_sources.items()) if p in live],
        duplicates=live_duplicates(previous.duplicates, report.duplicates, kept),
        repeated_lines=repeated,
        vectors=embedded.vectors,
        sentence_vectors=embedded.sentence_vectors,
        analysis=analysis,
    )


def _publish(
    run: IndexRun, previous: PreviousIndex, contents: GenerationContents, report: IndexReport
) -> None:
    generation = publish(run.index_dir, previous.generation, contents, run.encoding,
                         report.notices, run.progress)  # fmt: skip
    report.generation = generation.number
    report.articles = len(contents.articles)
    report.chunks = len(contents.chunks)


def republish(
    index_dir: Path,
    articles: Sequence[Article],
    sources: Sequence[SourceRecord] = (),
    *,
    embedder: Embedder | None = None,
    progress: ProgressCallback | None = None,
) -> IndexReport:
    """Publish the live generation's articles plus `articles` (salvaged from a generation set
    aside; a live article of the same id wins) as a new generation, embedding what is new."""
    report = IndexReport(index_dir=str(index_dir))
    embedder = _base_embedder(embedder, index_dir, report.notices)
    mode = resolve_sentence_mode(index_dir, None, embedder)
    embedder = _index_embedder(embedder, mode)
    encoding = EncodingSettings(embedder, mode, ChunkerConfig(), None)
    run = IndexRun(index_dir, [], [], False, False, False, encoding, MAX_ARTICLE_BYTES, None,
                   progress)  # fmt: skip
    with write_lock(index_dir):
        previous = _previous(run, report)
        added = [a for a in articles if a.id not in previous.articles]
        report.added = [a.id for a in added]
        kept = sorted([*previous.articles.values(), *added], key=lambda a: a.id)
        if not kept:
            raise InputError(f"{index_dir}: nothing to publish (no article could be read)")
        new_sources = {s.path: s for s in sources}
        contents = _build(run, previous, kept, new_sources, previous.repeated_lines, report)
        _publish(run, previous, contents, report)
    return report
