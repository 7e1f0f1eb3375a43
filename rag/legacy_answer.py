"""The legacy answer engine (`answer.engine = "legacy"`, today's default): quotes chosen by
sentence similarity with the regex question and claim rules of rag/questions.py,
rag/conflicts.py and rag/compose.py. The analysis engine (rag/answer/) replaces it once it
reaches the sample baseline; see eval/RESULTS.md.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from news_rag.rag.candidates import collect_candidates, counts_target
from news_rag.rag.compose import Selection, abstain, compose, select, select_by_claimant
from news_rag.rag.conflicts import question_focus
from news_rag.rag.metadata_answers import answer_from_metadata
from news_rag.rag.questions import (
    asked_claimant,
    metadata_field,
    proper_terms,
    quantity_target,
)
from news_rag.rag.settings import Settings
from news_rag.rag.types import Answer, Passage
from news_rag.rag.vocabulary import Vocabulary

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from news_rag.index.reader import IndexReader
    from news_rag.rag.assistant import Assistant

# Follow-ups: a small boost for the previous turn's articles and a penalty for sentences
# already cited, so that a follow-up brings new information (set on the sample follow-ups).
FOLLOW_UP_BOOST = 0.05
ALREADY_CITED_PENALTY = 0.1
PAIR_SIMILARITY_TOP = 12  # candidates compared pairwise for duplicates and conflicts

_vocabularies: weakref.WeakKeyDictionary[IndexReader, Vocabulary] = weakref.WeakKeyDictionary()
_vocabulary_lock = threading.Lock()


def legacy_answer(
    assistant: Assistant,
    question: str,
    query: str,
    vector: npt.NDArray[np.float32],
    passages: list[Passage],
    settings: Settings,
    prefer_articles: Sequence[str] = (),
    already_cited: Sequence[tuple[str, int]] = (),
) -> Answer:
    if not passages:
        return abstain(question, passages)
    reader = assistant.reader
    field = metadata_field(question)
    if field is not None:
        answer = answer_from_metadata(assistant, question, field, vector, passages)
        if answer is not None:
            return answer
    unknown = _unknown_terms(reader, question)
    if unknown:
        return abstain(question, passages, "anything about " + ", ".join(unknown))
    candidates = collect_candidates(query, vector, passages, reader)
    candidates = _boost(candidates, prefer_articles, already_cited)
    who = asked_claimant(question)
    if who is not None:
        by_claimant = select_by_claimant(candidates, who, settings.answer)
        if by_claimant.chosen:
            return _extractive(question, by_claimant, passages)
    reason = _abstain_reason(question, candidates, settings)
    if reason is not None:
        return abstain(question, passages, reason or None)
    similarity = _pair_similarity(reader, candidates)
    selection = select(candidates, similarity, settings.answer, question_focus(question))
    return _extractive(question, selection, passages)


def _extractive(question: str, selection: Selection, passages: list[Passage]) -> Answer:
    text, citations, conflicts = compose(question, selection, passages)
    return Answer(
        question=question,
        answer=text,
        abstained=False,
        citations=citations,
        passages=tuple(passages),
        kind="extractive",
        conflicts=conflicts,
    )


def _unknown_terms(reader: IndexReader, question: str) -> list[str]:
    """Names in the question that no indexed article mentions (see rag.vocabulary)."""
    with _vocabulary_lock:
        vocabulary = _vocabularies.get(reader)
        if vocabulary is None:
            vocabulary = _vocabularies[reader] = Vocabulary(reader.articles().values())
    return [term for term in proper_terms(question) if not vocabulary.knows(term)]


def _pair_similarity(
    reader: IndexReader, candidates: Sequence[Any]
) -> dict[tuple[int, int], float]:
    import numpy as np

    top = list(candidates[:PAIR_SIMILARITY_TOP])
    vectors = reader.sentence_vectors()[np.asarray([c.row for c in top], dtype=np.int64)]
    sims = vectors @ vectors.T
    return {(i, j): float(sims[i, j]) for i in range(len(top)) for j in range(len(top))}


def _abstain_reason(question: str, candidates: Sequence[Any], settings: Settings) -> str | None:
    """Why no answer should be given ("" for the generic reason), or None to answer."""
    if not candidates or candidates[0].similarity < settings.answer.abstain_threshold:
        return ""
    target = quantity_target(question)
    if target and not any(counts_target(c.quote, target) for c in candidates[:10]):
        return f"how many {target}"
    return None


def _boost(
    candidates: list[Any], prefer: Sequence[str], already_cited: Sequence[tuple[str, int]]
) -> list[Any]:
    if not prefer and not already_cited:
        return candidates
    cited = set(already_cited)

    def adjusted(c: Any) -> Any:
        delta = FOLLOW_UP_BOOST if c.article.id in prefer else 0.0
        if (c.article.id, c.start) in cited:
            delta -= ALREADY_CITED_PENALTY
        return replace(c, score=round(c.score + delta, 6)) if delta else c

    boosted = [adjusted(c) for c in candidates]
    return sorted(boosted, key=lambda c: (-c.score, c.article.id, c.start))
