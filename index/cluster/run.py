"""`rag index SRC --ray ADDRESS`: `run_index` with the new articles prepared on Ray.

The driver runs the local pipeline (`index.pipeline.run_index`: the write lock, loading,
cleaning, merging and deduplicating against the live generation, publishing), and its
`prepare` stage (`ClusterPrepare`) sends only the articles whose text the live generation
does not hold, and whose result no earlier run left in the store (`blocks`), to the
cluster. Each result batch that comes back is kept at once: vectors in the embedding
checkpoint (`encoders.checkpoint`), the rest in the result store, analysis with the run's
analyser. The local stages then find every vector and analysis they need, and the
generation is written and published by the same code as a local build, atomically: a
driver killed at any point leaves the previous generation live.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from news_rag.index.cluster.blocks import ResultStore, remove_store
from news_rag.index.cluster.connect import (
    ClusterError,
    check_reachable,
    disconnect,
    import_ray,
)
from news_rag.index.cluster.dataflow import ClusterRun, run_on_cluster
from news_rag.index.cluster.precomputed import PrecomputedAnalyser
from news_rag.index.cluster.records import ArticleResult, ArticleWork, BuildSpec, article_key
from news_rag.index.cluster.settings import ClusterSettings
from news_rag.index.encoders.minilm import Embedder
from news_rag.index.pipeline import IndexRun, ProgressCallback, run_index
from news_rag.index.report import IndexReport
from news_rag.index.store.database import SentenceSpan
from news_rag.index.store.previous import PreviousIndex
from news_rag.index.types import Article, Chunk


@dataclass
class ClusterReport:
    """What the cluster did in one run (the JSON of `rag index --ray` under `cluster`)."""

    address: str
    new_articles: int = 0  # articles the live generation did not hold as they are
    reused: int = 0  # of those, finished by an earlier (killed) run: not sent again
    sent: int = 0  # sent to the cluster
    run: ClusterRun | None = None
    analysed_on_driver: int = 0  # not covered by the cluster (metadata-only changes)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "address": self.address, "new_articles": self.new_articles,
            "reused": self.reused, "sent": self.sent,
            "analysed_on_driver": self.analysed_on_driver,
        }  # fmt: skip
        if self.run is not None:
            run, pools = self.run, self.run.pools
            stages = {stage: round(seconds, 2) for stage, seconds in run.stage_seconds.items()}
            data.update(seconds=round(run.seconds, 2), cluster_cpus=run.cluster_cpus,
                        cluster_gpus=run.cluster_gpus, analysers=pools.analysers,
                        encoders=pools.encoders, encoder_gpus=pools.encoder_gpus,
                        tokens=run.tokens, stage_seconds=stages)  # fmt: skip
        return data


def build_spec(run: IndexRun) -> BuildSpec:
    from news_rag.index.analysis.indexing import analysis_fingerprint

    embedder = run.encoding.embedder
    variant = str(getattr(embedder, "variant", None))
    if variant == "None":  # sentence-transformers (tests): no variant an actor can load
        raise ClusterError(f"--ray needs a named encoder variant, not {embedder.name}")
    return BuildSpec(run.encoding.chunker.to_dict(), analysis_fingerprint(), variant,
                     embedder.weights_sha256, run.encoding.sentence_mode)  # fmt: skip


def _unchanged(article: Article, previous: PreviousIndex, reuse: bool) -> bool:
    """Whether the live generation holds this article's text (its chunks are reused)."""
    old = previous.articles.get(article.id)
    return reuse and old is not None and old.text == article.text


@dataclass
class ClusterPrepare:
    """The `prepare` stage of `run_index` (index/pipeline.py) on a Ray cluster."""

    settings: ClusterSettings
    analyser: PrecomputedAnalyser = field(default_factory=PrecomputedAnalyser)
    report: ClusterReport | None = None

    def __call__(
        self, run: IndexRun, previous: PreviousIndex, kept: list[Article]
    ) -> tuple[list[Chunk], list[SentenceSpan]]:
        spec = build_spec(run)
        reuse = not run.rebuild and previous.chunker == spec.chunker
        new = [a for a in kept if not _unchanged(a, previous, reuse)]
        keys = {a.id: article_key(a, spec) for a in new}
        self.report = ClusterReport(self.settings.address, new_articles=len(new))
        store = ResultStore(run.index_dir)
        try:
            known = store.known(keys.values())
            works = [ArticleWork(a, keys[a.id]) for a in new if keys[a.id] not in known]
            self.report.reused, self.report.sent = len(new) - len(works), len(works)
            if works:
                keep = _Keeper(run, spec, store)
                self.report.run = run_on_cluster(works, spec, self.settings, keep, run.progress)
            results = {a.id: store.get(keys[a.id]) for a in new}
        finally:
            store.close()
        return self._assemble(kept, previous, results)

    def _assemble(
        self,
        kept: Sequence[Article],
        previous: PreviousIndex,
        results: dict[str, ArticleResult | None],
    ) -> tuple[list[Chunk], list[SentenceSpan]]:
        """Chunks and sentences in the order of `kept`, as `split.chunk_all` and
        `split.sentences_all` lay them out; the analysis of the new ones to the analyser."""
        from news_rag.index.cluster.actors import spans_of

        chunks: list[Chunk] = []
        sentences: list[SentenceSpan] = []
        for article in kept:
            result = results.get(article.id)
            if result is None:  # unchanged: as the previous generation has it
                chunks.extend(previous.chunks_of(article.id))
                sentences.extend(previous.sentences_of(article.id) or spans_of(article))
                continue
            chunks.extend(result.chunks)
            sentences.extend(result.sentences)
            self.analyser.keep(article.id, result.input_hash, result.records)
        return chunks, sentences


class _Keeper:
    """Keeps each result batch as it lands: vectors in the embedding checkpoint first, then
    the rest in the result store (a result stored is a result whose vectors are kept)."""

    def __init__(self, run: IndexRun, spec: BuildSpec, store: ResultStore) -> None:
        self._run, self._spec, self._store = run, spec, store

    def __call__(self, results: list[ArticleResult]) -> None:
        import numpy as np
        from news_rag.index.encoders.batches import checkpoint_tag
        from news_rag.index.encoders.checkpoint import EmbedCache
        from news_rag.index.encoders.family import same_vectors

        embedder = self._run.encoding.embedder
        expected = (self._spec.variant, self._spec.weights_sha256)
        for result in results:
            if not same_vectors(expected, result.encoder):
                raise ClusterError(
                    f"a worker embedded with {result.encoder[0]}, not the driver's "
                    f"{self._spec.variant}; install the driver's news-rag version on every node"
                )
        tag = checkpoint_tag(embedder.name, self._spec.variant, self._spec.weights_sha256,
                             embedder.dimension, self._spec.sentence_mode)  # fmt: skip
        vectors = {key: vector for result in results for key, vector in result.vectors.items()}
        if vectors:
            cache = EmbedCache(self._run.index_dir, tag, embedder.dimension)
            try:
                cache.add(list(vectors), np.stack(list(vectors.values())).astype(np.float32))
            finally:
                cache.close()
        self._store.add(results)


def run_index_on_ray(
    paths: Sequence[str | Path] | None,
    index_dir: Path,
    settings: ClusterSettings,
    *,
    embedder: Embedder | None = None,
    progress: ProgressCallback | None = None,
    **options: Any,
) -> tuple[IndexReport, ClusterReport]:
    """`run_index(paths, index_dir, **options)` with the new articles prepared on the Ray
    cluster at `settings.address`. Returns the index report and what the cluster did."""
    import_ray()  # Ray missing, or nothing at the address: one line before any work
    check_reachable(settings.address)
    prepare = ClusterPrepare(settings)
    try:
        report = run_index(paths, index_dir, embedder=embedder, progress=progress,
                           analyser=prepare.analyser, prepare=prepare, **options)  # fmt: skip
    finally:
        disconnect()
    if report.generation is not None:
        remove_store(index_dir)  # the live generation holds every result now
    cluster = prepare.report or ClusterReport(settings.address)
    cluster.analysed_on_driver = prepare.analyser.analysed_here
    return report, cluster
