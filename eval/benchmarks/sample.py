"""Ours vs the peers on the bundled sample questions (article-level retrieval).

The five sample articles are indexed into a benchmark index of their own. Questions of
type "unanswerable" (no gold article) and "metadata" (answered from fields, not text) are
left out; follow-ups are asked as written, without their conversation. Our modes run with
the product's retrieval settings (50 candidates per retriever); every system's chunks are
mapped to article ids, each article kept at its best rank, and scored with
`eval.metrics.article_retrieval_scores` (binary relevance).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.eval.benchmarks.beir_scores import Latency, mode_search, timed_rankings
from news_rag.eval.metrics import article_retrieval_scores
from news_rag.eval.records import Question

if TYPE_CHECKING:
    from news_rag.index.encoders.minilm import Embedder

ProgressCallback = Callable[[str, int, int], None]
SKIPPED_TYPES = ("unanswerable", "metadata")
SAMPLE_CHUNK_DEPTH = 50


@dataclass(frozen=True)
class SampleRow:
    system: str
    hit_at_5: float
    mrr_at_10: float
    ndcg_at_10: float
    questions: int
    latency: Latency

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "hit_at_5": round(self.hit_at_5, 4),
            "mrr_at_10": round(self.mrr_at_10, 4),
            "ndcg_at_10": round(self.ndcg_at_10, 4),
            "questions": self.questions,
            "p50_ms": self.latency.p50_ms,
            "p95_ms": self.latency.p95_ms,
        }


def sample_index_dir() -> Path:
    from platformdirs import user_cache_path

    return Path(user_cache_path("news-rag")) / "benchmarks" / "sample"


def build_sample_index(
    embedder: Embedder, index_dir: Path | None = None, progress: ProgressCallback | None = None
) -> Path:
    """Index the bundled sample (incremental: unchanged articles are not re-embedded)."""
    from news_rag.index.pipeline import run_index

    target = index_dir or sample_index_dir()
    run_index(None, target, embedder=embedder, progress=progress)
    return target


def retrieval_questions(path: Path | None = None) -> list[Question]:
    from news_rag.eval.questions import DEFAULT_QUESTIONS_PATH, load_questions

    questions = load_questions(path or DEFAULT_QUESTIONS_PATH)
    return [q for q in questions if q.type not in SKIPPED_TYPES and q.articles]


def score_system(
    name: str,
    search: Callable[[str], list[str]],
    questions: Sequence[Question],
    progress: ProgressCallback | None = None,
) -> SampleRow:
    by_id = {q.id: q for q in questions}
    rankings, latencies = timed_rankings(
        search, {q.id: q.question for q in questions}, progress, name
    )
    scores = [
        article_retrieval_scores([{"article_id": a} for a in rankings[q]], by_id[q].articles)
        for q in by_id
    ]
    present = [s for s in scores if s is not None]
    n = len(present)
    return SampleRow(
        system=name,
        hit_at_5=sum(s.hit_at_5 for s in present) / n,
        mrr_at_10=sum(s.mrr_at_10 for s in present) / n,
        ndcg_at_10=sum(s.ndcg_at_10 for s in present) / n,
        questions=n,
        latency=Latency.of(latencies),
    )


def compare_on_sample(
    embedder: Embedder,
    *,
    modes: Sequence[str] = ("bm25", "dense", "hybrid"),
    with_peers: bool = True,
    questions_path: Path | None = None,
    index_dir: Path | None = None,
    progress: ProgressCallback | None = None,
) -> list[SampleRow]:
    from news_rag.eval.benchmarks.peers import indexed_documents, make_peers
    from news_rag.index.store.reader import IndexReader

    questions = retrieval_questions(questions_path)
    target = build_sample_index(embedder, index_dir, progress)
    rows: list[SampleRow] = []
    reader = IndexReader.open(target)
    try:
        for mode in modes:
            search = mode_search(reader, embedder, mode, SAMPLE_CHUNK_DEPTH)
            rows.append(score_system(f"ours {mode}", search, questions, progress))
    finally:
        reader.close()
    if with_peers:
        documents = indexed_documents(target)
        for peer in make_peers():
            peer.index(documents)
            rows.append(
                score_system(
                    peer.name,
                    partial(peer.search, k=SAMPLE_CHUNK_DEPTH),
                    questions,
                    progress,
                )
            )
    return rows
