"""What a follow-up changes in answering: it prefers the articles the previous answer cited,
avoids repeating its quotes, and goes on from them ("What happened next?").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from news_rag.index.store.reader import IndexReader
from news_rag.rag.answer.evidence import sentence_ordinal
from news_rag.rag.candidates import Candidate
from news_rag.rag.settings import Settings
from news_rag.rag.types import Passage

# A follow-up prefers the articles the previous answer cited, and avoids repeating its quotes.
FOLLOW_UP_BOOST = 0.05  # set by hand: below the gap between a relevant and an idle sentence
ALREADY_CITED_PENALTY = 0.1
# A follow-up also reads this many sentences after each earlier quote (as `completion`'s
# NEIGHBOUR_SPAN: "The first ... The second ...").
CONTINUING_SENTENCES = 2
# ... and prefers them by this much: as much as an earlier quote loses, so that the sentence
# after a quote outranks the quote itself (set by hand, one value, not searched).
CONTINUATION_BOOST = ALREADY_CITED_PENALTY


@dataclass(frozen=True)
class FollowUp:
    """What the previous answer cited, for a follow-up question (empty: not a follow-up)."""

    prefer_articles: tuple[str, ...] = ()  # the article ids it cited
    already_cited: tuple[tuple[str, int], ...] = ()  # (article id, start) of its quotes


Adjust = Callable[[list[Candidate]], list[Candidate]]


def adjuster(follow_up: FollowUp, following: Sequence[tuple[str, int]] = ()) -> Adjust | None:
    """The score changes of a follow-up's candidate sentences; None when nothing changes."""
    prefer, already_cited = follow_up.prefer_articles, follow_up.already_cited
    if not prefer and not already_cited:
        return None
    cited, after = set(already_cited), set(following)

    def adjust(candidates: list[Candidate]) -> list[Candidate]:
        out = []
        for c in candidates:
            delta = FOLLOW_UP_BOOST if c.article.id in prefer else 0.0
            if (c.article.id, c.start) in cited:
                delta -= ALREADY_CITED_PENALTY
            if (c.article.id, c.start) in after:
                delta += CONTINUATION_BOOST
            out.append(replace(c, score=round(c.score + delta, 6)) if delta else c)
        return sorted(out, key=lambda c: (-c.score, c.article.id, c.start))

    return adjust


def following_sentences(
    reader: IndexReader, already_cited: Sequence[tuple[str, int]]
) -> list[tuple[str, int]]:
    """(article id, start) of the sentences right after each earlier quote, not quoted
    themselves: what "the first of those" or "what happened next" goes on to."""
    cited = set(already_cited)
    out: list[tuple[str, int]] = []
    for article_id, start in already_cited:
        ordinal = sentence_ordinal(reader, article_id, start)
        if ordinal is None:
            continue
        spans = reader.sentence_spans(article_id)
        for _row, following, _end in spans[ordinal + 1 : ordinal + 1 + CONTINUING_SENTENCES]:
            key = (article_id, following)
            if key not in cited and key not in out:
                out.append(key)
    return out


def continuing_passages(
    reader: IndexReader,
    passages: Sequence[Passage],
    following: Sequence[tuple[str, int]],
    settings: Settings,
) -> list[Passage]:
    """The passages holding `following` that retrieval did not return: a follow-up goes on
    from what was just quoted, whatever the retrieval ranked."""
    from news_rag.rag.passages import build_passages
    from news_rag.rag.retrieve import ScoredChunk

    have = {p.chunk_id for p in passages}
    wanted: list[int] = []
    for article_id, start in following:
        chunk = reader.chunk_at(article_id, start)
        if chunk is not None and chunk not in have and chunk not in wanted:
            wanted.append(chunk)
    scored = [ScoredChunk(chunk, 0.0) for chunk in wanted]
    return build_passages(reader, scored, settings.retrieval.dedupe_jaccard)
