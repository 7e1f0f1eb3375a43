"""Source balance: whose word an answer rests on, and who else in the results speaks to it.

`rests_on` counts the answer's citations by (claimant, outlet). `also_in_results` counts the
retrieved passages that no citation comes from but that hold a sentence relevant to the
question (at least `relevance_threshold`), by the claimant of their best such sentence.
The result is a `rag.types.Balance` (`Answer.balance`).

Each voice is a claimant with the publisher that reports them: the outlet, else the source
it re-posts, else its author, so that a claim an article attributes to someone ("ISIS
claimed ...") is shown as that publisher's report ("ISIS (South Front)"), never as a
source of its own with no publisher.
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.rag.answer.evidence import Evidence, fallback_claimant
from news_rag.rag.types import Balance, BalanceEntry, Citation, Passage, SourceLabel


def publisher(source: SourceLabel) -> str | None:
    """Who published the article: its outlet, else the source it re-posts, else its author."""
    return source.outlet or source.original_source or source.author


def balance(
    citations: Sequence[Citation],
    passages: Sequence[Passage],
    pool: Sequence[Evidence],
    threshold: float,
) -> Balance:
    rests: dict[tuple[str, str | None], int] = {}
    for citation in citations:
        key = (citation.claimant, publisher(citation.source))
        rests[key] = rests.get(key, 0) + 1
    cited = {(c.article_id, c.passage_start, c.passage_end) for c in citations}
    cited_articles = {c.article_id for c in citations}
    best: dict[int, Evidence] = {}
    for item in pool:  # best first: the first sentence seen of a passage is its best
        if item.relevance < threshold or item.restates:
            continue
        best.setdefault(item.cand.passage_rank, item)
    also: dict[tuple[str, str | None], list[int]] = {}
    for index, passage in enumerate(passages):
        ev = best.get(index)
        if ev is None or passage.article_id in cited_articles:
            continue
        if (passage.article_id, passage.char_start, passage.char_end) in cited:
            continue
        key = (ev.claimant(fallback_claimant(ev.article)), publisher(passage.source))
        also.setdefault(key, []).append(index)
    return Balance(
        rests_on=tuple(
            BalanceEntry(claimant, outlet, count) for (claimant, outlet), count in rests.items()
        ),
        also_in_results=tuple(
            BalanceEntry(claimant, outlet, len(indexes), tuple(indexes))
            for (claimant, outlet), indexes in also.items()
        ),
    )
