"""One answer, as text and as Markdown: the pieces every front end shares (a citation's
label, claimant, offsets and where the article is, the source-balance line, who disagrees
with whom) and the layouts built from them: `terminal_answer` (`rag ask`), `plain_answer`
and `plain_passages` (the MCP tools); `render_markdown.answer_markdown` (the chat's export
and copy key) builds on the same pieces.

Rich styling stays with the chat UI (tui/render.py); here a heading is made bold, where it
is, by the `bold` function the caller passes.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Sequence

from news_rag.rag.types import Answer, Balance, BalanceEntry, Citation, Passage, SourceLabel

Style = Callable[[str], str]
WRAP_WIDTH = 96
UNATTRIBUTED = "unattributed"
ALSO_UNCITED = " · Also in the results, not cited: "


def _same(text: str) -> str:
    return text


# --- the pieces -----------------------------------------------------------------------


def claimant_of(citation: Citation) -> str:
    """Who makes the claim, or "unattributed"."""
    return citation.claimant or UNATTRIBUTED


def offsets(citation: Citation) -> str:
    """`ID chars START-END (cleaned text)`: where the quote is in the stored text."""
    return f"{citation.article_id} chars {citation.char_start}-{citation.char_end} (cleaned text)"


def where(label: SourceLabel, missing: str = "") -> str:
    """Where to find the article: its URL, else its file."""
    return label.url or label.source_path or missing


def labels(sources: Iterable[SourceLabel]) -> list[str]:
    """Each source label rendered (`outlet · PLACE · author · date · title`)."""
    return [source.render() for source in sources]


def disagrees_with(citation: Citation, answer: Answer) -> list[int]:
    """The numbers of the other citations on the opposite sides of `citation`'s conflict."""
    if citation.conflict_group is None:
        return []
    return [
        c.n
        for c in answer.citations
        if c.conflict_group == citation.conflict_group and c.n != citation.n
    ]


def shown_balance(answer: Answer) -> Balance | None:
    """The answer's balance when it names anybody, else None."""
    balance = answer.balance
    return None if balance is None or balance.is_empty() else balance


def voice(entry: BalanceEntry) -> str:
    """`claimant (outlet) ×count` (the outlet when it is not the claimant, the count if > 1)."""
    outlet = entry.outlet
    place = f" ({outlet})" if outlet and outlet != entry.claimant else ""
    times = f" ×{entry.count}" if entry.count > 1 else ""
    return f"{entry.claimant}{place}{times}"


def voices(entries: Sequence[BalanceEntry]) -> str:
    return ", ".join(voice(entry) for entry in entries)


def balance_line(balance: Balance) -> str:
    """`Rests on: … · Also in the results, not cited: …` (the chat's line); a part with
    nobody in it is left out."""
    parts = []
    if balance.rests_on:
        parts.append(f"Rests on: {voices(balance.rests_on)}")
    if balance.also_in_results:
        parts.append(ALSO_UNCITED.lstrip(" ·") + voices(balance.also_in_results))
    return " · ".join(parts)


def by_voice(entries: Sequence[BalanceEntry]) -> list[tuple[str, int]]:
    """Each voice once, its counts added up: one claimant published by two outlets is one
    "South Front (3)", not "South Front (2), South Front (1)"."""
    counts: dict[str, int] = {}
    for entry in entries:
        name = entry.claimant or entry.outlet or "unknown"
        counts[name] = counts.get(name, 0) + entry.count
    return list(counts.items())


def balance_sentence(balance: Balance | None) -> str:
    """ "Rests on: pro-HTS sources (1). Also in the results: Syrian Defense Ministry (1)." """
    if balance is None:
        return ""
    parts = []
    if balance.rests_on:
        rests = ", ".join(f"{name} ({n})" for name, n in by_voice(balance.rests_on))
        parts.append(f"Rests on: {rests}.")
    if balance.also_in_results:
        also = ", ".join(f"{name} ({n})" for name, n in by_voice(balance.also_in_results))
        parts.append(f"Also in the results: {also}.")
    return " ".join(parts)


# --- quotation marks -------------------------------------------------------------------

_DOUBLE_MARKS = '"“”'
_AFTER_OPENING = "([{—–-/"  # a straight mark after these (or a space) opens a quotation
_CURLY_QUOTED = re.compile(r"“([^“”]*)”")  # a quote an answer line set in curly marks


def _opens(text: str, i: int) -> bool:
    """Whether the straight mark at `i` opens a quotation (at the start, or after a space or
    an opening bracket or dash)."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in _AFTER_OPENING


def _single_marks(text: str) -> str:
    """Double quotation marks inside a quote made single (‘…’), as a quote in a quote is."""
    out = []
    for i, char in enumerate(text):
        if char == "“" or (char == '"' and _opens(text, i)):
            out.append("‘")
        elif char in _DOUBLE_MARKS:
            out.append("’")
        else:
            out.append(char)
    return "".join(out)


def quote_text(quote: str) -> str:
    """A quote as it is shown inside “…”: marks around the whole of it dropped (the sentence
    was itself a quotation) and any others made single, so the reader sees one pair of double
    marks: `"During (a) video conference…"` shows as `During (a) video conference…`. For
    display only; the stored quote and the answer text keep the article's characters."""
    text = quote.strip()
    inner = text[1:-1]
    enclosed = len(text) >= 2 and text[0] in _DOUBLE_MARKS and text[-1] in _DOUBLE_MARKS
    if enclosed and not any(char in _DOUBLE_MARKS for char in inner):
        text = inner.strip()
    return _single_marks(text)


def display_line(line: str) -> str:
    """A line of answer text with each quote in curly marks shown by `quote_text`:
    `“"During (a) video conference…"”` becomes `“During (a) video conference…”`."""
    return _CURLY_QUOTED.sub(lambda match: f"“{quote_text(match[1])}”", line)


def display_text(text: str) -> str:
    """`display_line` for every line of an answer's text."""
    return "\n".join(display_line(line) for line in text.split("\n"))


# --- text -----------------------------------------------------------------------------


def wrap(text: str, indent: str = "    ") -> str:
    """Each non-blank line of `text` filled to the terminal width, indented."""
    return "\n".join(
        textwrap.fill(line, width=WRAP_WIDTH, initial_indent=indent, subsequent_indent=indent)
        for line in text.splitlines()
        if line.strip()
    )


def terminal_passage(rank: int, passage: Passage, bold: Style = _same) -> str:
    """A ranked passage as `rag search` prints it: label, score, id, wrapped text."""
    head = bold(f"{rank:>2}. {passage.source.render()}")
    lines = [f"{head}  (score {passage.score:.4f}, {passage.article_id})", wrap(passage.text)]
    lines += [f"    also in: {s}" for s in labels(passage.also_in)]
    return "\n".join(lines) + "\n"


def _terminal_citation(citation: Citation) -> list[str]:
    flag = "  ⚠ conflicting report" if citation.conflict_group is not None else ""
    return [
        f"[{citation.n}] {citation.source.render()}{flag}",
        f"    claimed by: {citation.claimant}",
        wrap(f"“{quote_text(citation.quote)}”"),
        f"    {offsets(citation)} · {where(citation.source)}",
        *(f"    also in: {s}" for s in labels(citation.also_in)),
    ]


def more_note(answer: Answer, how: str = "rag ask --all") -> str:
    """ "2 more quotes left out of the answer (rag ask --all)", or "" when none were."""
    count = len(answer.more_citations)
    if not count:
        return ""
    return f"{count} more quote{'s' if count > 1 else ''} left out of the answer ({how})"


def terminal_answer(answer: Answer, bold: Style = _same, show_more: bool = False) -> str:
    """The answer as `rag ask` prints it: the text (the short answer first), then each
    source with its claimant, wrapped quote and offsets, the balance (or, on abstaining,
    the nearest passages), and the quotes left out (`show_more`: `rag ask --all`) or a note
    saying how many there are."""
    lines = [display_text(answer.answer), ""]
    if answer.citations:
        lines.append(bold("Sources"))
        for citation in answer.citations:
            lines += _terminal_citation(citation)
        if answer.balance:  # "Rests on: X (1). Also in the results: Y (1)."
            lines.append(wrap(balance_sentence(answer.balance), indent=""))
    if show_more and answer.more_citations:
        lines += ["", bold("Left out of the answer")]
        for citation in answer.more_citations:
            lines += _terminal_citation(citation)
    elif answer.more_citations:
        lines += ["", more_note(answer)]
    elif answer.abstained and answer.passages:
        lines.append(bold("Nearest passages"))
        for rank, passage in enumerate(answer.passages[:3], 1):
            lines.append(terminal_passage(rank, passage, bold))
    return "\n".join(lines).rstrip() + "\n"


def plain_answer(answer: Answer) -> str:
    """The answer for a tool's text content: the text, then each source, unwrapped."""
    lines = [answer.answer]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            lines.append(f"[{c.n}] {c.source.render()}")
            lines.append(f"    claimed by: {c.claimant}")
            lines.append(f"    “{c.quote}”")
            lines.append(f"    {offsets(c)}")
    if answer.more_citations:
        lines += ["", more_note(answer, "in more_citations")]
    return "\n".join(lines)


def plain_passages(passages: Sequence[Passage]) -> str:
    if not passages:
        return "No passages matched."
    return "\n\n".join(
        f"{rank}. {p.source.render()} ({p.article_id}, chars {p.char_start}-{p.char_end} "
        f"of the cleaned text)\n{p.text}"
        for rank, p in enumerate(passages, 1)
    )


# --- refusals -------------------------------------------------------------------------

# Where a refusal's nearest passages are: listed below the answer in the CLI and the export;
# the chat passes its own pointer (the sources pane).
NEAREST_BELOW = "the nearest passages are listed below"
NOTHING_NEAR = "nothing near it was found"
_POINTER = re.compile(r"[\s;,.]*\b(the )?nearest passages\b.*$", re.IGNORECASE | re.DOTALL)


def refusal_sentence(answer: Answer, nearest: str = NEAREST_BELOW) -> str:
    """A refusal as one sentence: the engine's reason, then where the nearest passages are
    (`nearest`), or that nothing near it was found."""
    reason = _POINTER.sub("", " ".join(answer.answer.split())).rstrip(" .;,")
    where = nearest if answer.passages else NOTHING_NEAR
    return f"{reason}; {where}." if reason else f"{where[0].upper()}{where[1:]}."


def dates(citation: Citation) -> str:
    """`published DATE · event date DATE` (the event date when known)."""
    parts = [f"published {citation.source.published or 'undated'}"]
    if citation.event_date:
        parts.append(f"event date {citation.event_date}")
    return " · ".join(parts)
