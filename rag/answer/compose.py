"""Render the chosen sentences: verbatim quotes, each with its citation and claimant.

A quote whose sentence does not itself say who asserts it is rendered
`According to X, “…”`, X being the stored claimant (resolved at index time) or the article's
author or outlet. A "when" answer gives the resolved event date after the citation marker,
outside the quote. Disagreeing quotes come first under "The sources disagree:", each side
with its claimant, outlet, publication date and event date.
"""

from __future__ import annotations

from collections.abc import Sequence

from news_rag.rag.answer.evidence import Evidence, fallback_claimant
from news_rag.rag.passages import source_label
from news_rag.rag.types import Citation

CONFLICT_HEADER = "The sources disagree:"


def carries_attribution(ev: Evidence) -> bool:
    """Whether the sentence itself says who asserts it (its cue or claimant is inside it)."""
    info = ev.info
    if info is None:
        return False
    inside = [s for s in (info.cue_span, info.claimant_span) if s is not None]
    return any(ev.cand.start <= s[0] and s[1] <= ev.cand.end for s in inside)


def hedged(ev: Evidence, claimant: str) -> str:
    if carries_attribution(ev):
        return ev.quote
    return f"According to {claimant}, “{ev.quote}”"


def citation(n: int, ev: Evidence, group: int | None) -> Citation:
    cand = ev.cand
    return Citation(
        n=n,
        quote=ev.quote,
        char_start=cand.start,
        char_end=cand.end,
        claimant=ev.claimant(fallback_claimant(ev.article)),
        score=round(ev.score, 4),
        source=source_label(ev.article),
        passage_start=min(cand.passage.char_start, cand.start),
        passage_end=max(cand.passage.char_end, cand.end),
        conflict_group=group,
        also_in=cand.passage.also_in,
        event_date=ev.event_date,
    )


def _side(c: Citation) -> str:
    label = c.source
    outlet = label.outlet or label.author or label.article_id
    published = label.published or "undated"
    event = f"; event date {c.event_date}" if c.event_date else ""
    return f"{c.claimant}, {outlet}, published {published}{event}"


def compose(
    chosen: Sequence[Evidence],
    conflicts: Sequence[tuple[Evidence, Evidence]],
    show_event_date: bool,
) -> tuple[str, tuple[Citation, ...], tuple[tuple[int, ...], ...]]:
    """The answer text, its citations and the conflict groups (citation numbers)."""
    order: list[Evidence] = []
    groups: dict[int, int] = {}  # id(evidence) -> group
    for g, (a, b) in enumerate(conflicts):
        for ev in (a, b):
            if id(ev) not in groups:
                groups[id(ev)] = g
                order.append(ev)
    order += [ev for ev in chosen if id(ev) not in groups]
    citations: list[Citation] = []
    lines: list[str] = [CONFLICT_HEADER] if groups else []
    for n, ev in enumerate(order, 1):
        group = groups.get(id(ev))
        c = citation(n, ev, group)
        citations.append(c)
        text = f"{hedged(ev, c.claimant)} [{n}]"
        if group is not None:
            lines.append(f"- ({_side(c)}) {text}")
            continue
        if groups and n == len(groups) + 1:
            lines.append("")
        if show_event_date and c.event_date:
            text += f" (event date {c.event_date})"
        lines.append(text)
    grouped: dict[int, list[int]] = {}
    for c in citations:
        if c.conflict_group is not None:
            grouped.setdefault(c.conflict_group, []).append(c.n)
    return "\n".join(lines), tuple(citations), tuple(tuple(v) for _, v in sorted(grouped.items()))
