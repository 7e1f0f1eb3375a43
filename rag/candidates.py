"""Candidate sentences from retrieved passages, scored against the question.

Each retrieved passage is widened to whole sentences of its article (a chunk boundary can
fall inside a sentence), and every sentence is scored by the bundled embedder's cosine
similarity to the question, plus a small lexical-overlap and passage-rank term.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.embed import Embedder
from index.lexical import tokenize_query
from index.types import Article
from rag.sentences import split_sentences
from rag.types import Passage

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MIN_SENTENCE_WORDS = 4
LEXICAL_WEIGHT = 0.15
RANK_WEIGHT = 0.02


@dataclass(frozen=True)
class Candidate:
    article: Article
    start: int
    end: int
    passage: Passage
    passage_rank: int
    similarity: float  # cosine(question, sentence)
    lexical: float  # share of the question's content terms found in the sentence
    score: float

    @property
    def quote(self) -> str:
        return self.article.text[self.start : self.end]


class SentenceCache:
    """Sentence spans per article and embeddings per sentence, bounded LRU, thread-safe."""

    def __init__(self, max_items: int = 20_000) -> None:
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._vectors: OrderedDict[tuple[str, int, int], npt.NDArray[np.float32]] = OrderedDict()
        self._max = max_items
        self._lock = threading.Lock()

    def spans(self, article: Article) -> list[tuple[int, int]]:
        key = article.content_hash
        with self._lock:
            cached = self._spans.get(key)
        if cached is None:
            cached = split_sentences(article.text)
            with self._lock:
                self._spans[key] = cached
        return cached

    def vectors(
        self, embedder: Embedder, items: Sequence[tuple[Article, int, int]]
    ) -> list[npt.NDArray[np.float32]]:
        keys = [(a.content_hash, s, e) for a, s, e in items]
        with self._lock:
            missing = [i for i, k in enumerate(keys) if k not in self._vectors]
        if missing:
            texts = [items[i][0].text[items[i][1] : items[i][2]] for i in missing]
            fresh = embedder.embed(texts)
            with self._lock:
                for row, i in enumerate(missing):
                    self._vectors[keys[i]] = fresh[row]
                while len(self._vectors) > self._max:
                    self._vectors.popitem(last=False)
        with self._lock:
            out = []
            for key in keys:
                self._vectors.move_to_end(key)
                out.append(self._vectors[key])
            return out


def sentences_in_passage(
    spans: Sequence[tuple[int, int]], passage: Passage
) -> list[tuple[int, int]]:
    """Whole sentences overlapping the passage by at least half their length."""
    chosen = []
    for start, end in spans:
        overlap = min(end, passage.char_end) - max(start, passage.char_start)
        if overlap > 0 and overlap * 2 >= end - start:
            chosen.append((start, end))
    return chosen


def collect_candidates(
    question: str,
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[Passage],
    articles: dict[str, Article],
    embedder: Embedder,
    cache: SentenceCache,
) -> list[Candidate]:
    import numpy as np

    terms = set(tokenize_query(question))
    items: list[tuple[Article, int, int, Passage, int]] = []
    seen: set[tuple[str, int]] = set()
    for rank, passage in enumerate(passages):
        article = articles[passage.article_id]
        for start, end in sentences_in_passage(cache.spans(article), passage):
            if (article.id, start) in seen:
                continue
            if len(article.text[start:end].split()) < MIN_SENTENCE_WORDS:
                continue
            seen.add((article.id, start))
            items.append((article, start, end, passage, rank))
    if not items:
        return []
    vectors = cache.vectors(embedder, [(a, s, e) for a, s, e, _, _ in items])
    sims = np.asarray(vectors, dtype=np.float32) @ query_vector.astype(np.float32)
    out = []
    for (article, start, end, passage, rank), sim in zip(items, sims, strict=True):
        words = set(tokenize_query(article.text[start:end]))
        lexical = len(terms & words) / len(terms) if terms else 0.0
        score = float(sim) + LEXICAL_WEIGHT * lexical - RANK_WEIGHT * min(rank, 10) / 10
        out.append(
            Candidate(article, start, end, passage, rank, float(sim), lexical, round(score, 6))
        )
    out.sort(key=lambda c: (-c.score, c.article.id, c.start))
    return out
