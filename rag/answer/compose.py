"""Render the chosen sentences: verbatim quotes, each with its citation and claimant.

A quote whose sentence does not itself say who asserts it is rendered
`According to X, “…”`, X being the stored claimant (resolved at index time) or the article's
author or outlet. A "when" answer gives the resolved event date after the citation marker,
outside the quote. Disagreeing quotes come first under "The sources disagree:", each side
with its claimant, outlet, publication date and event date.

The answer span (`short_answer`) is said first, on a line of its own, with whose word it
is and when that was published: `400 mln dlrs (per Reuters, 1987-03-12) [1]`; a date
with the ISO date it stands for. Not when the sources disagree: then there are two answers.
The quotes left out (`proof`) are numbered after the shown ones, as `more_citations`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from news_rag.rag.answer.evidence import Evidence, fallback_claimant
from news_rag.rag.answer.names import claimant_name
from news_rag.rag.answer.proof import Proof
from news_rag.rag.answer.short_answer import first_short_answer
from news_rag.rag.passages import source_label
from news_rag.rag.question.intent import WHEN, Intent
from news_rag.rag.types import Citation, ShortAnswer

CONFLICT_HEADER = "The sources disagree:"


def carries_attribution(ev: Evidence) -> bool:
    """Whether the sentence itself says who asserts it: its claimant is named inside it, or,
    with no claimant found by name, its cue is. Not "..., he told a news conference." when
    the analysis found "he" named before it: the label names him."""
    info = ev.info
    if info is None:
        return False
    span = info.claimant_span if info.claimant_span is not None else info.cue_span
    return span is not None and ev.cand.start <= span[0] and span[1] <= ev.cand.end


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


def ordered(
    chosen: Sequence[Evidence], conflicts: Sequence[tuple[Evidence, Evidence]]
) -> tuple[list[Evidence], dict[int, int]]:
    """The quotes in citation order (the disagreeing ones first) and each disagreeing
    quote's conflict group, by `id` of its evidence."""
    order: list[Evidence] = []
    groups: dict[int, int] = {}
    for g, (a, b) in enumerate(conflicts):
        for ev in (a, b):
            if id(ev) not in groups:
                groups[id(ev)] = g
                order.append(ev)
    order += [ev for ev in chosen if id(ev) not in groups]
    return order, groups


def compose(
    chosen: Sequence[Evidence],
    conflicts: Sequence[tuple[Evidence, Evidence]],
    show_event_date: bool,
) -> tuple[str, tuple[Citation, ...], tuple[tuple[int, ...], ...]]:
    """The answer text, its citations and the conflict groups (citation numbers)."""
    order, groups = ordered(chosen, conflicts)
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


@dataclass(frozen=True)
class Composed:
    """The parts of an `Answer` that `compose_answer` makes."""

    text: str
    citations: tuple[Citation, ...]
    groups: tuple[tuple[int, ...], ...]  # conflict groups (citation numbers)
    short_answer: ShortAnswer | None = None
    more: tuple[Citation, ...] = ()  # the quotes left out, numbered after `citations`


def short_line(short: ShortAnswer, cited: Citation) -> str:
    """`400 mln dlrs (per Reuters, 1987-03-12) [1]`: the span, whose word, when published."""
    text = " ".join(short.text.split())
    if short.date and short.date not in text:
        text += f", {short.date}"
    outlet = cited.source.outlet
    speaker = _is_the_claimant(text, cited.claimant)
    claimant = "" if speaker else cited.claimant
    who = ", ".join(dict.fromkeys(part for part in (claimant, outlet) if part)) or "the article"
    when = f", {cited.source.published}" if cited.source.published else ""
    full = _full_name(text, cited.claimant) if speaker else None
    named = f"{full}; " if full else ""
    return f"{text} ({named}per {who}{when}) [{cited.n}]"


def _full_name(span: str, claimant: str) -> str | None:
    """The claimant's fuller name when the short answer is the speaker by a shorter one
    ("Howe" said it; the story named him "Geoffrey Howe" before): `Howe (Geoffrey Howe; per
    ...)`. None when the span already says all of it."""
    name = claimant_name(claimant)
    return name if len(name.split()) > len(span.split()) else None


def _is_the_claimant(span: str, claimant: str) -> bool:
    """Whether the short answer names the quote's claimant ("Who said ...?" answered with
    the speaker): then "per" names only the outlet, not the speaker a second time."""
    name = claimant_name(claimant).split()
    return bool(name) and name[-1].casefold() in span.casefold().split()


def compose_answer(
    proof: Proof, conflicts: Sequence[tuple[Evidence, Evidence]], intent: Intent
) -> Composed:
    """The answer text (the short answer first, then the quotes), its citations, conflict
    groups, short answer, and the left-out quotes as further citations."""
    text, citations, groups = compose(proof.shown, conflicts, intent.kind == WHEN)
    order, _groups = ordered(proof.shown, conflicts)  # as `compose` numbered them
    short = None if groups else first_short_answer(list(enumerate(order, 1)), intent)
    if short is not None:
        text = f"{short_line(short, citations[short.citation - 1])}\n{text}"
    shown = {id(ev) for ev in order}
    more = [ev for ev in proof.more if id(ev) not in shown]
    first = len(citations) + 1
    extra = tuple(citation(n, ev, None) for n, ev in enumerate(more, first))
    return Composed(text, citations, groups, short, extra)
