"""Source balance: whose word an answer rests on, and who else in the results speaks to it.

`rests_on` counts the answer's citations by (claimant, outlet). `also_in_results` counts the
retrieved passages that no citation comes from but that hold a sentence relevant to the
question (at least `relevance_threshold`), by the claimant of their best such sentence.
Shape (also `rag.types.Answer.balance`):
{"rests_on": [{"claimant", "outlet", "count"}],
 "also_in_results": [{"claimant", "outlet", "count", "passage_indexes"}]}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from news_rag.rag.answer.evidence import Evidence, fallback_claimant
from news_rag.rag.types import Citation, Passage


def balance(
    citations: Sequence[Citation],
    passages: Sequence[Passage],
    pool: Sequence[Evidence],
    threshold: float,
) -> dict[str, Any]:
    rests: dict[tuple[str, str | None], int] = {}
    for citation in citations:
        key = (citation.claimant, citation.source.outlet)
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
        key = (ev.claimant(fallback_claimant(ev.article)), passage.source.outlet)
        also.setdefault(key, []).append(index)
    return {
        "rests_on": [
            {"claimant": claimant, "outlet": outlet, "count": count}
            for (claimant, outlet), count in rests.items()
        ],
        "also_in_results": [
            {
                "claimant": claimant,
                "outlet": outlet,
                "count": len(indexes),
                "passage_indexes": indexes,
            }
            for (claimant, outlet), indexes in also.items()
        ],
    }


def _entry(item: dict[str, Any]) -> str:
    name = item.get("claimant") or item.get("outlet") or "unknown"
    return f"{name} ({item.get('count', 0)})"


def render_balance(data: dict[str, Any] | None) -> str:
    """ "Rests on: pro-HTS sources (1). Also in the results: Syrian Defense Ministry (1)." """
    if not data:
        return ""
    parts = []
    rests = data.get("rests_on") or []
    also = data.get("also_in_results") or []
    if rests:
        parts.append("Rests on: " + ", ".join(_entry(i) for i in rests) + ".")
    if also:
        parts.append("Also in the results: " + ", ".join(_entry(i) for i in also) + ".")
    return " ".join(parts)
