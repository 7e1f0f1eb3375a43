""" "What did X say?": the sentences whose stored claimant is X, anywhere in the index.

The claimant of every sentence was resolved at index time (pronouns and "the spokeswoman"
to the last matching name), so the sentences of "she said" count for Zakharova too. They
are ranked by the similarity of their stored embedding to the question (which carries any
topic: "What did Russia say about al-Tanf?").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from news_rag.index.store.lexical import tokenize_query
from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.corpus import ClaimedSentence, tables
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.names import claimant_name, name_words
from news_rag.rag.answer.sentence_kinds import restates
from news_rag.rag.candidates import LEXICAL_WEIGHT, MIN_SENTENCE_WORDS, Candidate
from news_rag.rag.passages import source_label
from news_rag.rag.types import Passage

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def _candidate(
    reader: IndexReader, item: ClaimedSentence, similarity: float, terms: set[str]
) -> Candidate:
    article = reader.article(item.article_id)
    quote = article.text[item.start : item.end]
    words = set(tokenize_query(quote))
    lexical = len(terms & words) / len(terms) if terms else 0.0
    passage = Passage(
        article_id=article.id,
        chunk_id=-1,  # the sentence itself: it need not be in a retrieved chunk
        text=quote,
        score=round(similarity, 6),
        char_start=item.start,
        char_end=item.end,
        source=source_label(article),
    )
    score = round(similarity + LEXICAL_WEIGHT * lexical, 6)
    return Candidate(
        article, item.start, item.end, passage, 0, similarity, lexical, score, item.row
    )


def claimed_by(
    who: str,
    query: str,
    vector: npt.NDArray[np.float32],
    reader: IndexReader,
    allowed: Collection[str] | None,
    limit: int,
) -> list[Evidence]:
    """The `limit` sentences claimed by `who` nearest the question, best first."""
    import numpy as np

    found = [
        s for s in tables(reader).claimed_by(who) if allowed is None or s.article_id in allowed
    ]
    if not found:
        return []
    rows = np.asarray([s.row for s in found], dtype=np.int64)
    sims = reader.sentence_vectors()[rows] @ vector.astype(np.float32)
    terms = set(tokenize_query(query))
    ranked: list[Evidence] = []
    for index in np.argsort(-sims, kind="stable")[: limit * 8]:
        item = found[int(index)]
        cand = _candidate(reader, item, float(sims[index]), terms)
        if restates(cand.quote, cand.article.title) or len(cand.quote.split()) < MIN_SENTENCE_WORDS:
            continue
        info = reader.sentence_analysis(item.article_id)[item.ordinal]
        ranked.append(Evidence(cand, info, item.ordinal, cand.score, False, False))
    ranked.sort(key=lambda e: -e.score)  # similarity and the question's words, as `select`
    return diverse(ranked, limit)


def with_pool(said: list[Evidence], own: list[Evidence], limit: int) -> list[Evidence]:
    """`said` and the retrieved sentences whose claimant is the asked one (`own`), each
    once, best first by similarity and the question's words, one per speaker first."""
    merged: dict[tuple[str, int], Evidence] = {}
    for ev in [*said, *own]:
        key = (ev.article.id, ev.cand.start)
        if key not in merged:
            merged[key] = replace(ev, score=ev.cand.score)
    ranked = sorted(merged.values(), key=lambda e: (-e.score, e.article.id, e.cand.start))
    return diverse(ranked, limit)


def speaker_key(claimant: str) -> str:
    """One key per speaker, whatever the title: "Tadashi Kuranari (Foreign Minister)" and
    "Tadashi Kuranari" -> "kuranari" (the last word of the name before any bracket)."""
    words = name_words(claimant_name(claimant))
    return words[-1] if words else claimant.casefold()


def diverse(ranked: list[Evidence], limit: int) -> list[Evidence]:
    """The best sentence of each speaker first (in rank order), then the next best ones:
    "What did Russia say?" shows the ministry, the spokeswoman and the general."""
    seen: set[str] = set()
    first = []
    for ev in ranked:
        name = speaker_key(ev.claimant(""))
        if name not in seen:
            seen.add(name)
            first.append(ev)
    rest = [ev for ev in ranked if all(ev is not f for f in first)]
    return [*first, *rest][:limit]
