"""Candidate sentences from retrieved passages, scored against the question.

Each retrieved passage is widened to whole sentences of its article (a chunk boundary can
fall inside a sentence), and every sentence is scored by the cosine similarity of its
index-time embedding to the question, plus a small lexical-overlap and passage-rank term.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from news_rag.index.store.lexical import tokenize_query, tokenize_remembered
from news_rag.index.store.reader import IndexReader
from news_rag.index.types import Article
from news_rag.rag.types import Passage

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# Shorter sentences are fragments ("he added."), never quoted (here and in `answer.claims`).
MIN_SENTENCE_WORDS = 4
LEXICAL_WEIGHT = 0.3  # calibrated on the sample questions (eval/RESULTS.md)
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
    row: int  # sentence id: row of the index's sentence vectors
    retrieved: bool = True  # False: from a chunk read only for its article (`extra`)

    @property
    def quote(self) -> str:
        return self.article.text[self.start : self.end]


def sentences_in_passage(
    spans: Sequence[tuple[int, int, int]], passage: Passage
) -> list[tuple[int, int, int]]:
    """Whole sentences (row, start, end) overlapping the passage by at least half their length."""
    chosen = []
    for row, start, end in spans:
        overlap = min(end, passage.char_end) - max(start, passage.char_start)
        if overlap > 0 and overlap * 2 >= end - start:
            chosen.append((row, start, end))
    return chosen


def collect_candidates(
    question: str,
    query_vector: npt.NDArray[np.float32],
    passages: Sequence[Passage],
    reader: IndexReader,
    extra: Sequence[Passage] = (),
) -> list[Candidate]:
    """Sentences of the passages, scored with their stored (index-time) embeddings; those of
    `extra` (chunks not retrieved, read for their article) marked `retrieved=False`."""
    import numpy as np

    terms = set(tokenize_query(question))
    items: list[tuple[Article, int, int, Passage, int]] = []
    rows: list[int] = []
    seen: set[int] = set()
    for rank, passage in enumerate([*passages, *extra]):
        article = reader.article(passage.article_id)
        for row, start, end in sentences_in_passage(reader.sentence_spans(article.id), passage):
            if row in seen or len(article.text[start:end].split()) < MIN_SENTENCE_WORDS:
                continue
            seen.add(row)
            rows.append(row)
            items.append((article, start, end, passage, rank))
    if not items:
        return []
    vectors = reader.sentence_vectors()[np.asarray(rows, dtype=np.int64)]
    sims = vectors @ query_vector.astype(np.float32)
    out = []
    sentence_terms = tokenize_remembered(
        [article.text[start:end] for article, start, end, *_ in items]
    )
    for (article, start, end, passage, rank), sim, row, found in zip(
        items, sims, rows, sentence_terms, strict=True
    ):
        words = set(found)
        lexical = len(terms & words) / len(terms) if terms else 0.0
        score = float(sim) + LEXICAL_WEIGHT * lexical - RANK_WEIGHT * min(rank, 10) / 10
        found_in = rank < len(passages)
        values = (float(sim), lexical, round(score, 6), row, found_in)
        out.append(Candidate(article, start, end, passage, rank, *values))
    out.sort(key=lambda c: (-c.score, c.article.id, c.start))
    return out
