"""Index a BEIR corpus with our pipeline and score each retrieval mode.

The index lives in a directory of its own (default: the user cache dir) and is reused:
when its only source is this corpus file with the same sha256 and chunker settings, the
corpus is not even re-read; otherwise `run_index` updates it incrementally.

Documents are ranked by their best chunk: chunk hits are mapped to article ids and each
article is kept at its first rank. A deep chunk list (`chunk_depth`) is searched so that
recall@100 sees at least 100 distinct documents.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.eval.benchmarks.beir import BeirDataset
from news_rag.eval.benchmarks.scoring import BeirScores, score_run
from news_rag.eval.metrics import percentile

if TYPE_CHECKING:
    from news_rag.index.encoders.minilm import Embedder
    from news_rag.index.store.reader import IndexReader

ProgressCallback = Callable[[str, int, int], None]
MODES = ("bm25", "dense", "hybrid")
CHUNK_DEPTH = 300
DOC_DEPTH = 100
WARMUP_QUERIES = 5


@dataclass(frozen=True)
class Latency:
    p50_ms: float | None
    p95_ms: float | None

    @classmethod
    def of(cls, latencies_ms: Sequence[float]) -> Latency:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 2)

        return cls(rounded(percentile(latencies_ms, 50)), rounded(percentile(latencies_ms, 95)))


@dataclass(frozen=True)
class SystemResult:
    """One row of the results table."""

    system: str
    kind: str  # "published", "ours" or "peer"
    scores: BeirScores | None = None
    ndcg_at_10: float | None = None  # published rows only have nDCG@10
    latency: Latency | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ndcg(self) -> float | None:
        return self.scores.ndcg_at_10 if self.scores is not None else self.ndcg_at_10

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"system": self.system, "kind": self.kind, "ndcg_at_10": self.ndcg}
        if self.scores is not None:
            data.update(self.scores.to_dict())
        if self.latency is not None:
            data.update(p50_ms=self.latency.p50_ms, p95_ms=self.latency.p95_ms)
        if self.note:
            data["note"] = self.note
        data.update(self.extra)
        return data


@dataclass(frozen=True)
class IndexBuild:
    index_dir: Path
    reused: bool
    seconds: float
    articles: int
    chunks: int
    embedded_chunks: int
    title_in_text: bool  # whether the indexed article texts start with the BEIR title

    def to_dict(self) -> dict[str, Any]:
        return {
            "index_dir": str(self.index_dir),
            "reused": self.reused,
            "seconds": round(self.seconds, 1),
            "articles": self.articles,
            "chunks": self.chunks,
            "embedded_chunks": self.embedded_chunks,
            "title_in_text": self.title_in_text,
        }


def default_index_dir(dataset: BeirDataset) -> Path:
    """<user cache dir>/news-rag/benchmarks/<dataset>-<hash of its folder>."""
    from platformdirs import user_cache_path

    root = str(dataset.root.resolve())
    digest = hashlib.sha256(root.encode("utf-8")).hexdigest()[:8]
    return Path(user_cache_path("news-rag")) / "benchmarks" / f"{dataset.name}-{digest}"


def _index_is_current(index_dir: Path, corpus: Path) -> bool:
    from news_rag.index.chunk import ChunkerConfig
    from news_rag.index.errors import RagError
    from news_rag.index.hashing import sha256_file
    from news_rag.index.store.database import connect_readonly, read_sources
    from news_rag.index.store.publish import current_generation_path, open_generation

    if current_generation_path(index_dir) is None:
        return False
    try:
        generation = open_generation(index_dir, verify=False)
        conn = connect_readonly(generation.file("meta.sqlite"))
        try:
            sources = read_sources(conn)
        finally:
            conn.close()
    except RagError:
        return False
    if generation.manifest.get("chunker") != ChunkerConfig().to_dict():
        return False
    return [(s.path, s.sha256) for s in sources] == [(str(corpus), sha256_file(corpus))]


def build_index(
    dataset: BeirDataset,
    index_dir: Path,
    embedder: Embedder,
    progress: ProgressCallback | None = None,
) -> IndexBuild:
    """Index the corpus into `index_dir` unless it already holds exactly this corpus."""
    from news_rag.index.pipeline import run_index
    from news_rag.index.store.reader import IndexReader

    corpus = dataset.corpus_path.resolve()
    started = time.perf_counter()
    reused = _index_is_current(index_dir, corpus)
    embedded = 0
    if not reused:
        report = run_index([corpus], index_dir, embedder=embedder, progress=progress)
        embedded = report.embedded_chunks
    seconds = time.perf_counter() - started
    reader = IndexReader.open(index_dir)
    try:
        articles = reader.articles()
        titled = _titles_in_text(dataset, articles)
        return IndexBuild(
            index_dir, reused, seconds, len(articles), reader.chunk_count(), embedded, titled
        )
    finally:
        reader.close()


def _titles_in_text(dataset: BeirDataset, articles: Mapping[str, Any]) -> bool:
    from news_rag.eval.benchmarks.beir import read_corpus

    titled = [d for d in read_corpus(dataset.corpus_path)[:50] if d.title and d.id in articles]
    return bool(titled) and all(articles[d.id].text.startswith(d.title) for d in titled)


def article_ranking(
    chunk_ids: Sequence[int], chunk_articles: Sequence[str], depth: int = DOC_DEPTH
) -> list[str]:
    """Article ids in order of their best chunk, at most `depth` of them."""
    ranked: dict[str, None] = {}
    for chunk_id in chunk_ids:
        ranked.setdefault(chunk_articles[chunk_id], None)
        if len(ranked) >= depth:
            break
    return list(ranked)


def timed_rankings(
    search: Callable[[str], list[str]],
    queries: dict[str, str],
    progress: ProgressCallback | None = None,
    label: str = "querying",
) -> tuple[dict[str, list[str]], list[float]]:
    """Run `search` on every query after a few untimed warm-up calls."""
    texts = list(queries.values())
    for text in texts[:WARMUP_QUERIES]:
        search(text)
    rankings: dict[str, list[str]] = {}
    latencies: list[float] = []
    for n, (query_id, text) in enumerate(queries.items(), 1):
        started = time.perf_counter()
        rankings[query_id] = search(text)
        latencies.append((time.perf_counter() - started) * 1000)
        if progress:
            progress(label, n, len(queries))
    return rankings, latencies


def mode_search(
    reader: IndexReader, embedder: Embedder, mode: str, chunk_depth: int = CHUNK_DEPTH
) -> Callable[[str], list[str]]:
    """query -> ranked article ids for one of our retrieval modes."""
    from news_rag.rag.retrieve import Retriever
    from news_rag.rag.settings import RetrievalSettings

    retriever = Retriever(reader, embedder)
    settings = RetrievalSettings(mode=mode, k=chunk_depth, candidates=chunk_depth)
    chunk_articles = reader.chunk_article_ids()

    def search(query: str) -> list[str]:
        scored = retriever.search(query, chunk_depth, settings)
        return article_ranking([s.chunk_id for s in scored], chunk_articles)

    return search


def limited(dataset: BeirDataset, limit: int | None) -> dict[str, str]:
    ids = list(dataset.queries)
    if limit is not None:
        ids = ids[:limit]
    return {q: dataset.queries[q] for q in ids}


def score_modes(
    dataset: BeirDataset,
    index_dir: Path,
    embedder: Embedder,
    modes: Sequence[str] = MODES,
    limit_queries: int | None = None,
    progress: ProgressCallback | None = None,
) -> list[SystemResult]:
    """Score our retrieval modes on the dataset's judged queries."""
    from news_rag.index.store.reader import IndexReader

    queries = limited(dataset, limit_queries)
    qrels = {q: dataset.qrels[q] for q in queries}
    reader = IndexReader.open(index_dir)
    results = []
    try:
        for mode in modes:
            search = mode_search(reader, embedder, mode)
            rankings, latencies = timed_rankings(search, queries, progress, f"ours {mode}")
            results.append(
                SystemResult(
                    system=f"ours {mode}",
                    kind="ours",
                    scores=score_run(rankings, qrels),
                    latency=Latency.of(latencies),
                    note=f"best chunk of top {CHUNK_DEPTH} chunks per document",
                )
            )
    finally:
        reader.close()
    return results
