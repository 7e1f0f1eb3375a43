"""How an answer is laid out on screen, built as Rich `Text` and never as markup.

One line per quote with its `[n]` marker (as the CLI prints it), the sides of a disagreement
as columns, and the source-balance line. Every string that comes from an article (quote,
claimant, outlet, title) is appended as plain text, so `[2]`, `[link=…]`, `[@click=…]` and
bare URLs inside it show literally and never act.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from news_rag.rag import Answer, Citation
from rich.text import Text

MARKER_STYLE = "bold"
DISAGREE_HEADER = "The sources disagree:"
ABSTAIN_NOTE = "No quotable answer in the indexed articles."
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


def body_text(answer: Answer) -> Text:
    """The answer text (less the disagreement), one line per quote, markers in bold."""
    numbers = {c.n for c in answer.citations}
    text = Text("\n").join(answer_line(line, numbers) for line in body_lines(answer))
    if answer.abstained:
        text.append(f"\n{ABSTAIN_NOTE}" if text.plain else ABSTAIN_NOTE, style="italic dim")
    return text


def conflict_sides(answer: Answer) -> list[list[Citation]]:
    """Each group of disagreeing citations, in answer order."""
    by_n = {c.n: c for c in answer.citations}
    return [[by_n[n] for n in group if n in by_n] for group in answer.conflicts]


def side_card(citation: Citation) -> Text:
    """One side of a disagreement: claimant, outlet, publication and event dates, quote."""
    source = citation.source
    text = Text()
    text.append(f"[{citation.n}] ", style=MARKER_STYLE)
    text.append(citation.claimant or "unattributed", style="bold")
    text.append("\n")
    text.append(source.outlet or source.author or source.title or "unknown outlet")
    text.append("\npublished ", style="dim")
    text.append(source.published or "undated")
    if citation.event_date:
        text.append("\nevent date ", style="dim")
        text.append(citation.event_date, style="bold")
    text.append("\n“")
    text.append(" ".join(citation.quote.split()))
    text.append("”")
    return text


@dataclass(frozen=True)
class BalanceEntry:
    claimant: str
    outlet: str | None
    count: int
    passage_indexes: tuple[int, ...] = ()

    def label(self) -> str:
        where = f" ({self.outlet})" if self.outlet and self.outlet != self.claimant else ""
        times = f" ×{self.count}" if self.count > 1 else ""
        return f"{self.claimant}{where}{times}"


def _entries(raw: Any) -> list[BalanceEntry]:
    """Entries of one balance list; malformed ones are skipped, never shown half."""
    entries = []
    for item in raw if isinstance(raw, list) else ():
        if not isinstance(item, dict) or not isinstance(item.get("claimant"), str):
            continue
        outlet = item.get("outlet")
        indexes = item.get("passage_indexes") or ()
        entries.append(
            BalanceEntry(
                claimant=item["claimant"],
                outlet=outlet if isinstance(outlet, str) else None,
                count=int(item.get("count") or 1),
                passage_indexes=tuple(int(i) for i in indexes if isinstance(i, int)),
            )
        )
    return entries


@dataclass(frozen=True)
class Balance:
    rests_on: tuple[BalanceEntry, ...]
    also_in_results: tuple[BalanceEntry, ...]

    @classmethod
    def of(cls, answer: Answer) -> Balance | None:
        data = answer.balance
        if not isinstance(data, dict):
            return None
        balance = cls(
            tuple(_entries(data.get("rests_on"))), tuple(_entries(data.get("also_in_results")))
        )
        return balance if balance.rests_on or balance.also_in_results else None

    def uncited_passages(self, answer: Answer) -> list[int]:
        """Indexes into `answer.passages` of what else in the results speaks to it."""
        seen: list[int] = []
        for entry in self.also_in_results:
            for index in entry.passage_indexes:
                if 0 <= index < len(answer.passages) and index not in seen:
                    seen.append(index)
        return seen


def _join(entries: Sequence[BalanceEntry]) -> str:
    return ", ".join(entry.label() for entry in entries)


def balance_text(balance: Balance, key: str) -> Text:
    """`Rests on: … · Also in the results: … (F5: show them)`."""
    text = Text()
    text.append("Rests on: ", style="bold")
    text.append(_join(balance.rests_on) or "nobody named")
    if balance.also_in_results:
        text.append(" · Also in the results, not cited: ", style="bold")
        text.append(_join(balance.also_in_results))
        text.append(f" ({key}: show them)", style="dim")
    return text


def disagrees_with(citation: Citation, answer: Answer) -> list[int]:
    """The numbers of the other citations on the opposite sides of `citation`'s conflict."""
    if citation.conflict_group is None:
        return []
    return [
        c.n
        for c in answer.citations
        if c.conflict_group == citation.conflict_group and c.n != citation.n
    ]
