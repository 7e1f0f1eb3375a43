"""`rag index`: load, clean, dedupe, chunk, embed and publish a new index generation.

Incremental: an article whose cleaned text and metadata are unchanged keeps its chunks,
and a chunk whose text was embedded before reuses its stored vector (keyed by the text's
sha256), so re-indexing an unchanged corpus embeds nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from news_rag.index.analysis.indexing import (
    analyse_step,
    analysis_fingerprint,
    previous_analysis_current,
)
from news_rag.index.analysis.store import ArticleAnalyser
from news_rag.index.chunk import Chunker, ChunkerConfig
from news_rag.index.clean.article import clean_article, find_repeated_lines
from news_rag.index.dedup import find_near_duplicates
from news_rag.index.encoders.batches import (
    built_sentence_mode,
    check_sentence_mode,
    embed_all,
    pooling_embedder,
    resolve_sentence_mode,
)
from news_rag.index.encoders.checkpoint import remove_cache
from news_rag.index.encoders.minilm import Embedder, sha256_file
from news_rag.index.errors import InputError, RagError
from news_rag.index.load.loaders import MAX_ARTICLE_BYTES, discover, load_file
from news_rag.index.paths import sample_dir
from news_rag.index.report import IndexReport
from news_rag.index.sentences import split_sentences
from news_rag.index.store.ann import build_index as build_ann_index
from news_rag.index.store.ann import resolve_spec
from news_rag.index.store.database import (
    DuplicateRecord,
    SentenceSpan,
    SourceRecord,
    write_database,
)
from news_rag.index.store.lexical import BM25_CONFIG, build_bm25, save_bm25
from news_rag.index.store.previous import PreviousIndex, load_for_write
from news_rag.index.store.publish import has_generations, publish_generation, write_lock
from news_rag.index.store.vectors import save_vectors, write_faiss
from news_rag.index.types import Article, Chunk, RawArticle, Skipped

ProgressCallback = Callable[[str, int, int], None]  # (stage, done, total)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _is_under(path: str, roots: Sequence[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved == r or r in resolved.parents for r in roots)


def _assign_id(raw: RawArticle, taken: dict[str, str]) -> str:
    """The raw key, unless another source already holds it (then key + path hash)."""
    key = raw.key
    owner = taken.get(key)
    if owner is not None and owner != raw.source_path:
        key = f"{raw.key}-{hashlib.sha1(raw.source_path.encode()).hexdigest()[:8]}"
    taken[key] = raw.source_path
    return key


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


def run_index(  # noqa: PLR0915 - one line per write-path stage; each stage is a helper
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
    sentence_mode: str | None = None,  # separate or pooled; None: the index's, else separate
) -> IndexReport:
    """Index `paths` into `index_dir`; an article over `max_article_bytes` is skipped.

    With no paths, an index that exists is re-indexed from its own stored articles (with
    `rebuild`, re-embedded; otherwise nothing changes); only a new index gets the sample.
    """
    own_corpus = not paths and has_generations(index_dir)
    roots = [Path(p) for p in paths] if paths else ([] if own_corpus else [sample_dir()])
    sentence_mode = resolve_sentence_mode(index_dir, sentence_mode)  # see index/encoders/batches.py
    report = IndexReport(index_dir=str(index_dir))
    if embedder is None:  # onnx-fp32 on first use; torch fp32 and a notice if its export fails
        from news_rag.index.encoders.default import default_index_embedder

        embedder = default_index_embedder(index_dir, report.notices)
    if sentence_mode == "pooled":
        embedder = pooling_embedder(embedder)
    chunker_config = chunker_config or ChunkerConfig()
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

    with write_lock(index_dir):
        previous = load_for_write(index_dir, embedder, rebuild=rebuild, own_corpus=own_corpus)
        report.notices.extend(previous.notices)
        if previous.generation is not None and previous.vectors_path and not rebuild:
            built = built_sentence_mode(previous.generation.manifest.get("model"))
            check_sentence_mode(index_dir, built, sentence_mode)  # never mix the two
        unchanged_config = previous.chunker == chunker_config.to_dict() and (
            faiss_factory is None or previous.faiss_factory == faiss_factory
        )
        current = (
            unchanged_config and not previous.recovered and previous_analysis_current(previous)
        )
        # a raised --max-article-mb may admit articles skipped last time: read them again
        quick = current and not (rebuild or prune) and max_article_bytes == MAX_ARTICLE_BYTES
        same = previous.unchanged_sources(files) if quick else None
        if same is not None and files:  # every file as indexed last time: nothing to read
            return _unchanged(report, previous, same)
        raws, sources, failed = _load_raws(files, report, progress, max_article_bytes)
        repeated = previous.repeated_lines | find_repeated_lines([r.text for r in raws])
        articles, new_sources = _clean_all(raws, sources, previous, repeated, report)
        if not articles and not previous.articles:
            raise InputError(
                "no article could be indexed: "
                + "; ".join(f"{s.path}: {s.reason}" for s in report.skipped)
            )
        kept = _merge(previous, articles, new_sources, roots, failed, prune, report)
        changed = report.added or report.updated or report.removed
        if not rebuild and current and not changed:
            report.articles = len(previous.articles)
            report.chunks = len(previous.chunks)
            return report
        if not kept:
            raise InputError(f"{index_dir}: refusing to write an empty index (all pruned)")
        chunks = _chunk_all(kept, previous, embedder, chunker_config, rebuild)
        sentences = _sentences_all(kept, previous)
        analysis = analyse_step(kept, sentences, previous, rebuild, analyser, progress)
        embedded = embed_all(
            chunks, sentences, {a.id: a for a in kept}, previous, embedder, index_dir, progress,
            sentence_vectors=sentence_mode,
        )  # fmt: skip
        vectors, hashes = embedded.vectors, embedded.hashes
        sentence_vectors = embedded.sentence_vectors
        report.embedded_chunks = embedded.embedded_chunks
        report.embedded_sentences = embedded.embedded_sentences
        report.pooled_sentences = embedded.pooled_sentences
        all_sources = {**{s.path: s for s in previous.sources}, **new_sources}
        live = {a.source_path for a in kept}
        source_rows = [s for p, s in sorted(all_sources.items()) if p in live]
        dups = _live_duplicates(previous.duplicates, report.duplicates, kept)

        def write_files(tmp: Path) -> None:
            save_vectors(tmp / "vectors.npy", vectors)
            save_vectors(tmp / "sentence_vectors.npy", sentence_vectors)
            write_faiss(build_ann_index(vectors, ann_spec), tmp / "vectors.faiss")
            write_database(
                tmp / "meta.sqlite", kept, chunks, hashes, source_rows, dups, repeated, sentences
            )
            analysis.write(tmp / "meta.sqlite")
            save_bm25(build_bm25([c.text for c in chunks]), tmp / "bm25")

        manifest = {
            "model": {
                "name": embedder.name,
                "weights_sha256": embedder.weights_sha256,
                # which arithmetic made the vectors: queries use the same (encoders/query.py)
                "variant": getattr(embedder, "variant", None),
                "dimension": embedder.dimension,
                "max_tokens": embedder.max_tokens,
                "sentence_vectors": sentence_mode,  # separate or pooled (batches.py)
            },
            "chunker": chunker_config.to_dict(),
            # write_files (below, in publish_generation) builds the index from this spec
            "faiss": (
                ann_spec := resolve_spec(faiss_factory, len(vectors), embedder.dimension)
            ).to_manifest(),
            "bm25": BM25_CONFIG,
            "analysis": analysis_fingerprint(),
            "counts": {
                "articles": len(kept),
                "chunks": len(chunks),
                "sentences": len(sentences),
                "sources": len(source_rows),
            },
        }
        if progress:
            progress("writing", 0, 1)
        generation = publish_generation(
            index_dir, previous.generation, manifest, write_files, report.notices
        )
        remove_cache(index_dir)  # the live generation now holds every checkpointed vector
        if progress:
            progress("writing", 1, 1)
    report.generation = generation.number
    report.articles = len(kept)
    report.chunks = len(chunks)
    return report


def _clean_all(
    raws: Sequence[RawArticle],
    sources: dict[str, SourceRecord],
    previous: PreviousIndex,
    repeated: frozenset[str],
    report: IndexReport,
) -> tuple[list[Article], dict[str, SourceRecord]]:
    taken = {a.id: a.source_path for a in previous.articles.values()}
    by_hash: dict[str, str] = {}
    articles: list[Article] = []
    ids_by_source: dict[str, list[str]] = {}
    for raw in raws:
        result = clean_article(raw, article_id=_assign_id(raw, taken), repeated_lines=repeated)
        if isinstance(result, Skipped):
            report.skipped.append(result)
            continue
        twin = by_hash.get(result.content_hash)
        if twin is not None and twin != result.id:
            report.duplicates.append(DuplicateRecord(twin, raw.source_path, "exact"))
            continue
        by_hash[result.content_hash] = result.id
        articles.append(result)
        ids_by_source.setdefault(raw.source_path, []).append(result.id)
    new_sources = {
        path: SourceRecord(rec.path, rec.sha256, rec.size, tuple(ids_by_source.get(path, ())))
        for path, rec in sources.items()
        if path in ids_by_source
    }
    return articles, new_sources


def _merge(
    previous: PreviousIndex,
    articles: list[Article],
    new_sources: dict[str, SourceRecord],
    roots: Sequence[Path],
    failed: set[str],
    prune: bool,
    report: IndexReport,
) -> list[Article]:
    """Combine the previous articles with this run's; fill the report's lists."""
    merged = dict(previous.articles)
    for old in previous.sources:
        if old.path in new_sources:  # re-read: records that vanished from the file go
            gone = set(old.article_ids) - set(new_sources[old.path].article_ids)
        elif _prunable(old.path, prune, failed, roots):
            gone = set(old.article_ids)
        else:
            continue
        for article_id in sorted(gone):
            if merged.pop(article_id, None) is not None:
                report.removed.append(article_id)
    existing_hashes = {a.content_hash: a.id for a in merged.values()}
    for article in articles:
        before = merged.get(article.id)
        twin = existing_hashes.get(article.content_hash)
        if before is None and twin is not None and twin != article.id:
            report.duplicates.append(DuplicateRecord(twin, article.source_path, "exact"))
            continue
        _classify(before, article, report)
        merged[article.id] = article
    ordered = sorted(merged.values(), key=lambda a: a.id)
    if report.added or report.updated or report.removed or not previous.articles:
        near = find_near_duplicates([a.id for a in ordered], [a.text for a in ordered])
    else:  # the same articles as last time: the same near duplicates (10 s for Reuters-19k)
        near = {i: a.near_duplicate_of for i, a in previous.articles.items() if a.near_duplicate_of}
    result = []
    for article in ordered:
        twin_id = near.get(article.id)
        if twin_id:
            report.duplicates.append(DuplicateRecord(twin_id, article.source_path, "near"))
        result.append(replace(article, near_duplicate_of=twin_id))
    return result


def _unchanged(
    report: IndexReport, previous: PreviousIndex, same: Sequence[SourceRecord]
) -> IndexReport:
    """The report of a run whose files are all as indexed last time (nothing written)."""
    paths = {record.path for record in same}
    report.unchanged = sorted({i for record in same for i in record.article_ids})
    report.duplicates = [d for d in previous.duplicates if d.source_path in paths]
    report.articles = len(previous.articles)
    report.chunks = len(previous.chunks)
    return report


def _classify(before: Article | None, article: Article, report: IndexReport) -> None:
    if before is None:
        report.added.append(article.id)
    elif before == replace(article, near_duplicate_of=before.near_duplicate_of):
        report.unchanged.append(article.id)
    else:
        report.updated.append(article.id)


def _prunable(path: str, prune: bool, failed: set[str], roots: Sequence[Path]) -> bool:
    """With --prune: a source under a scanned root whose file is gone."""
    return prune and path not in failed and _is_under(path, roots) and not Path(path).exists()


def _live_duplicates(
    old: Sequence[DuplicateRecord], new: Sequence[DuplicateRecord], kept: Sequence[Article]
) -> list[DuplicateRecord]:
    ids = {a.id for a in kept}
    merged = {(d.article_id, d.source_path, d.kind): d for d in (*old, *new)}
    return [d for d in merged.values() if d.article_id in ids]


def _chunk_all(
    articles: Sequence[Article],
    previous: PreviousIndex,
    embedder: Embedder,
    config: ChunkerConfig,
    rebuild: bool,
) -> list[Chunk]:
    reuse = not rebuild and previous.chunker == config.to_dict()
    chunker: Chunker | None = None
    chunks: list[Chunk] = []
    for article in articles:
        old = previous.articles.get(article.id)
        if reuse and old is not None and old.text == article.text:
            chunks.extend(previous.chunks_of(article.id))
            continue
        if chunker is None:
            chunker = Chunker(embedder.count_tokens, config)
        chunks.extend(chunker.split(article))
    return chunks


def _sentences_all(articles: Sequence[Article], previous: PreviousIndex) -> list[SentenceSpan]:
    """Sentence spans of every article (reused from the previous generation when unchanged;
    the others split over every core, `SPLIT_SHARE` articles a task)."""
    from news_rag.index.forkmap import available_cores, fork_map, fork_safe

    reused: dict[str, list[SentenceSpan]] = {}
    for article in articles:
        old = previous.articles.get(article.id)
        if old and old.text == article.text:
            reused[article.id] = previous.sentences_of(article.id)
    todo = [a for a in articles if not reused.get(a.id)]
    cores = available_cores() if len(todo) >= SPLIT_PARALLEL_MIN and fork_safe() else 1
    split = fork_map(split_sentences, [a.text for a in todo], processes=cores,
                     chunksize=SPLIT_SHARE)  # fmt: skip
    fresh = {a.id: offsets for a, offsets in zip(todo, split, strict=True)}
    spans: list[SentenceSpan] = []
    for article in articles:
        if reused.get(article.id):
            spans.extend(reused[article.id])
            continue
        for start, end in fresh[article.id]:
            spans.append(SentenceSpan(article.id, start, end, text_hash(article.text[start:end])))
    return spans


# Sentence splitting (pysbd, ~3.7 ms a Reuters story) goes to worker processes from this many
# articles to split; below it the fork costs more than it saves (400 stories: 1.5 s alone).
SPLIT_PARALLEL_MIN = 200
SPLIT_SHARE = 64  # articles per worker task

__all__ = ["IndexReport", "RagError", "run_index"]
