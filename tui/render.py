"""How an answer is laid out on screen, built as Rich `Text` and never as markup.

One line per quote with its `[n]` marker (as the CLI prints it), the sides of a disagreement
(each its quote, then who says it, the outlet and the dates), and the source-balance line.
Quotes show one pair of double marks (`rag.render.quote_text`); a refusal is one sentence
that points to the sources pane, where its nearest passages are.

Every string that comes from an article (quote, claimant, outlet, title) is appended as plain
text, so `[2]`, `[link=…]`, `[@click=…]` and bare URLs inside it show literally and never act.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from news_rag.rag import Answer, Citation
from news_rag.rag.render import (
    ALSO_UNCITED,
    claimant_of,
    display_line,
    quote_text,
    voices,
)
from news_rag.rag.render import refusal_sentence as shared_refusal_sentence
from news_rag.rag.types import Balance
from rich.text import Text

MARKER_STYLE = "bold"
DISAGREE_HEADER = "The sources disagree:"
# Where a refusal's nearest passages are: in the chat, the sources pane (the CLI lists them
# below the answer, and its text says so; that pointer is replaced by this one).
NEAREST_IN_PANE = "the nearest passages are in the sources pane"
# `[n]` ending a line (before an optional full stop), or opening it (follow-up attribution).
_TRAILING_MARKER = re.compile(r"\s(\[(\d+)\])\.?\s*$")
_LEADING_MARKER = re.compile(r"^(\[(\d+)\])\s")
_CONFLICT_LINE = re.compile(r"^- \(")


def marker_spans(line: str, numbers: Collection[int]) -> list[tuple[int, int]]:
    """Where the citation markers of one answer line are. Only a `[n]` that ends or opens
    the line and names a citation counts; a `[2]` inside a quote is text."""
    spans = []
    for pattern in (_LEADING_MARKER, _TRAILING_MARKER):
        match = pattern.search(line)
        if match and int(match[2]) in numbers:
            spans.append(match.span(1))
    return sorted(set(spans))


def answer_line(line: str, numbers: Collection[int]) -> Text:
    text = Text(line)
    for start, end in marker_spans(line, numbers):
        text.stylize(MARKER_STYLE, start, end)
    return text


def line_number(line: str) -> int | None:
    """The citation number a line ends with, if any."""
    match = _TRAILING_MARKER.search(line)
    return int(match[2]) if match else None


def body_lines(answer: Answer) -> list[str]:
    """The answer's lines, without the ones the disagreement columns show instead."""
    in_conflict = {n for group in answer.conflicts for n in group}
    lines = []
    for line in answer.answer.strip().split("\n"):
        if in_conflict and line.strip() == DISAGREE_HEADER:
            continue
        if _CONFLICT_LINE.match(line) and line_number(line) in in_conflict:
            continue
        lines.append(line)
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


def refusal_sentence(answer: Answer, nearest: str = NEAREST_IN_PANE) -> str:
    """A refusal as one sentence, pointing to the sources pane (`rag.render`)."""
    return shared_refusal_sentence(answer, nearest)


def body_text(answer: Answer) -> Text:
    """The answer text (less the disagreement), one line per quote, markers in bold; a
    refusal as one sentence."""
    if answer.abstained and not answer.citations:
        return Text(refusal_sentence(answer), style="italic")
    numbers = {c.n for c in answer.citations}
    lines = [display_line(line) for line in body_lines(answer)]
    return Text("\n").join(answer_line(line, numbers) for line in lines)


def conflict_sides(answer: Answer) -> list[list[Citation]]:
    """Each group of disagreeing citations, in answer order."""
    by_n = {c.n: c for c in answer.citations}
    return [[by_n[n] for n in group if n in by_n] for group in answer.conflicts]


def side_card(citation: Citation) -> Text:
    """One side of a disagreement: its quote first, then who says it, the outlet, and the
    publication and event dates (`[1] “…” — claimant · outlet · published … · event date …`)."""
    source = citation.source
    text = Text()
    text.append(f"[{citation.n}] ", style=MARKER_STYLE)
    text.append(f"“{quote_text(' '.join(citation.quote.split()))}”")
    text.append("\n— ", style="dim")
    text.append(claimant_of(citation), style="bold")
    text.append(" · ", style="dim")
    text.append(source.outlet or source.author or source.title or "unknown outlet")
    text.append(" · published ", style="dim")
    text.append(source.published or "undated")
    if citation.event_date:
        text.append(" · event date ", style="dim")
        text.append(citation.event_date, style="bold")
    return text


def balance_text(balance: Balance, key: str) -> Text:
    """`Rests on: … · Also in the results, not cited: … (F5: show them)`: the words of
    `rag.render.balance_line`, its labels in bold."""
    text = Text()
    if balance.rests_on:
        text.append("Rests on: ", style="bold")
        text.append(voices(balance.rests_on))
    if balance.also_in_results:
        text.append(ALSO_UNCITED if balance.rests_on else ALSO_UNCITED.lstrip(" ·"), style="bold")
        text.append(voices(balance.also_in_results))
        text.append(f" ({key}: show them)", style="dim")
    return text
