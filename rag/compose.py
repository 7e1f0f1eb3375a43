"""Compose an extractive answer: verbatim sentences, each with a citation and claimant.

Nothing in an answer is generated: every sentence is quoted from an article, and the
hedge is kept ("According to X, ..."). When the best sentence is not relevant enough,
or the question names something no article mentions, the assistant abstains and shows
the nearest passages instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from news_rag.index.types import Article
from news_rag.rag.attribution import Claim, find_claimant, render_hedged
from news_rag.rag.candidates import Candidate
from news_rag.rag.conflicts import conflict_pairs
from news_rag.rag.passages import source_label
from news_rag.rag.settings import AnswerSettings
from news_rag.rag.types import Answer, Citation, Passage

ABSTAIN_PREFIX = "The indexed articles don't say"
NEAR_DUPLICATE_WORDS = 0.6


@dataclass(frozen=True)
class Selection:
    chosen: list[Candidate]
    conflicts: list[tuple[int, int]]  # index pairs into `chosen`


def fallback_claimant(article: Article) -> str:
    return article.author or article.outlet or article.original_source or "the article"


def _word_overlap(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def select(
    candidates: Sequence[Candidate],
    similarity: dict[tuple[int, int], float],
    settings: AnswerSettings,
    focus: str | None = None,
) -> Selection:
    """Best sentences within `relative_cutoff` of the top one, plus the other side of any
    conflict among the strong candidates."""
    if not candidates:
        return Selection([], [])
    best = candidates[0].score
    floor = best - settings.relative_cutoff
    chosen_idx: list[int] = []
    for i, cand in enumerate(candidates):
        if len(chosen_idx) >= settings.max_sentences or cand.score < floor:
            break
        if any(_word_overlap(cand.quote, candidates[j].quote) >= NEAR_DUPLICATE_WORDS
               for j in chosen_idx):  # fmt: skip
            continue
        chosen_idx.append(i)
    strong = [i for i, c in enumerate(candidates) if c.score >= best - 2 * settings.relative_cutoff]
    pool = sorted(set(chosen_idx) | set(strong))
    texts = [candidates[i].quote for i in pool]
    owners = [candidates[i].article.id for i in pool]
    matrix = [[similarity.get((a, b), 0.0) for b in pool] for a in pool]
    pairs = conflict_pairs(texts, owners, matrix, settings.conflict_similarity, focus)
    conflicts: list[tuple[int, int]] = []
    for a, b in pairs:
        i, j = pool[a], pool[b]
        if i not in chosen_idx and j not in chosen_idx:
            continue
        for extra in (i, j):
            if extra not in chosen_idx:
                chosen_idx.append(extra)
        conflicts.append((i, j))
    chosen = [candidates[i] for i in chosen_idx]
    position = {idx: n for n, idx in enumerate(chosen_idx)}
    return Selection(chosen, [(position[i], position[j]) for i, j in conflicts])


def make_citation(n: int, cand: Candidate, claim: Claim, group: int | None) -> Citation:
    return Citation(
        n=n,
        quote=cand.quote,
        char_start=cand.start,
        char_end=cand.end,
        claimant=claim.claimant,
        score=round(cand.score, 4),
        source=source_label(cand.article),
        passage_start=min(cand.passage.char_start, cand.start),
        passage_end=max(cand.passage.char_end, cand.end),
        conflict_group=group,
        also_in=cand.passage.also_in,
    )


def _dated(citation: Citation) -> str:
    label = citation.source
    who = label.outlet or label.author or label.article_id
    return f"{who}, {label.published}" if label.published else f"{who}, undated"


def compose(
    question: str,
    selection: Selection,
    passages: Sequence[Passage],
) -> tuple[str, tuple[Citation, ...], tuple[tuple[int, ...], ...]]:
    """Rendered answer text, its citations and the conflict groups (citation numbers).

    Quotes that disagree come first, under "The sources disagree:", each with its
    publication date; the other quotes follow.
    """
    groups: dict[int, int] = {}
    for g, (a, b) in enumerate(selection.conflicts):
        group = groups.get(a, groups.get(b, g))
        groups[a] = groups[b] = group
    order = sorted(
        range(len(selection.chosen)), key=lambda i: (i not in groups, groups.get(i, 0), i)
    )
    citations: list[Citation] = []
    lines: list[str] = ["The sources disagree:"] if groups else []
    for n, index in enumerate(order, 1):
        cand = selection.chosen[index]
        claim = find_claimant(
            cand.article.text, cand.start, cand.end, fallback=fallback_claimant(cand.article)
        )
        citation = make_citation(n, cand, claim, groups.get(index))
        citations.append(citation)
        text = f"{render_hedged(citation.quote, claim)} [{n}]"
        if index in groups:
            text = f"- ({_dated(citation)}) {text}"
        elif groups and n == len(groups) + 1:
            lines.append("")
        lines.append(text)
    grouped: dict[int, list[int]] = {}
    for citation in citations:
        if citation.conflict_group is not None:
            grouped.setdefault(citation.conflict_group, []).append(citation.n)
    conflict_groups = tuple(tuple(v) for _, v in sorted(grouped.items()))
    return "\n".join(lines), tuple(citations), conflict_groups


def abstain(question: str, passages: Sequence[Passage], reason: str | None = None) -> Answer:
    text = f"{ABSTAIN_PREFIX} {reason or 'anything that answers this question'}."
    if passages:
        text += " The nearest passages are listed below; none of them answers the question."
    return Answer(
        question=question,
        answer=text,
        abstained=True,
        citations=(),
        passages=tuple(passages),
        kind="abstain",
    )


def _name_tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"[\w-]+", text.casefold()) if t not in _NAME_STOPWORDS}


_NAME_STOPWORDS = {"the", "of", "and", "a", "an", "s"}


def select_by_claimant(
    candidates: Sequence[Candidate], who: str, settings: AnswerSettings
) -> Selection:
    """The best sentences whose claimant is `who` (every word of `who` in the claimant)."""
    wanted = _name_tokens(who)
    chosen: list[Candidate] = []
    for cand in candidates:
        claim = find_claimant(
            cand.article.text, cand.start, cand.end, fallback=fallback_claimant(cand.article)
        )
        if claim.explicit and wanted and wanted <= _name_tokens(claim.claimant):
            chosen.append(cand)
        if len(chosen) >= settings.max_sentences:
            break
    return Selection(chosen, [])
