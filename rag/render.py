"""One answer, as text and as Markdown: the pieces every front end shares (a citation's
label, claimant, offsets and where the article is, the source-balance line, who disagrees
with whom) and the layouts built from them: `terminal_answer` (`rag ask`), `plain_answer`
and `plain_passages` (the MCP tools), `answer_markdown` (the chat's export and copy key).

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
NOBODY = "nobody named"
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
    """`Rests on: … · Also in the results, not cited: …` (the chat's line)."""
    line = f"Rests on: {voices(balance.rests_on) or NOBODY}"
    if balance.also_in_results:
        line += ALSO_UNCITED + voices(balance.also_in_results)
    return line


def _counted(entry: BalanceEntry) -> str:
    return f"{entry.claimant or entry.outlet or 'unknown'} ({entry.count})"


def balance_sentence(balance: Balance | None) -> str:
    """ "Rests on: pro-HTS sources (1). Also in the results: Syrian Defense Ministry (1)." """
    if balance is None:
        return ""
    parts = []
    if balance.rests_on:
        parts.append("Rests on: " + ", ".join(_counted(e) for e in balance.rests_on) + ".")
    if balance.also_in_results:
        also = ", ".join(_counted(e) for e in balance.also_in_results)
        parts.append(f"Also in the results: {also}.")
    return " ".join(parts)


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
        wrap(f"“{citation.quote}”"),
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
    lines = [answer.answer, ""]
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


# --- Markdown -------------------------------------------------------------------------

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# start markup inline. `:` in `://` and `.` in `www.` are escaped so no autolink forms.
_INLINE = re.compile(r"([\\`*_\[\]<>()#|~!])")
_AUTOLINK = re.compile(r"(?i)(://|\bwww\.)")


def md_text(text: str) -> str:
    """`text` as literal Markdown: no emphasis, links, autolinks, HTML or headings."""
    flat = " ".join(text.split())
    flat = _INLINE.sub(r"\\\1", flat)
    flat = _AUTOLINK.sub(lambda m: m[1].replace(":", "\\:").replace(".", "\\."), flat)
    if flat[:1] and flat[0] in "-+=":  # a list item or a setext heading underline
        return "\\" + flat
    return re.sub(r"^(\d+)\.", r"\1\\.", flat)  # an ordered list item


def dates(citation: Citation) -> str:
    """`published DATE · event date DATE` (the event date when known)."""
    parts = [f"published {citation.source.published or 'undated'}"]
    if citation.event_date:
        parts.append(f"event date {citation.event_date}")
    return " · ".join(parts)


def citation_markdown(citation: Citation, answer: Answer) -> str:
    """`[n] label`, claimant, dates, disagreement, where the article is, then the quote."""
    lines = [f"**\\[{citation.n}\\]** {md_text(citation.source.render())}  "]
    lines.append(f"claimed by: {md_text(claimant_of(citation))}  ")
    lines.append(f"{md_text(dates(citation))}  ")
    others = disagrees_with(citation, answer)
    if others:
        lines.append("disagrees with " + ", ".join(f"\\[{n}\\]" for n in others) + "  ")
    lines += [f"also in: {md_text(s)}  " for s in labels(citation.also_in)]
    lines.append(f"source: {md_text(where(citation.source, 'unknown file'))}")
    lines += ["", f"> {md_text(citation.quote)}"]
    return "\n".join(lines)


def answer_markdown(answer: Answer) -> str:
    """One answer and its sources (the chat's export, and what its copy key copies)."""
    lines = [md_text(line) for line in answer.answer.strip().split("\n")]
    if answer.short_answer is not None and lines:
        lines[0] = f"**{lines[0]}**"  # the short answer, said first
    parts = ["  \n".join(lines)]
    if answer.abstained:
        parts.append("_No quotable answer in the indexed articles._")
    balance = shown_balance(answer)
    if balance is not None:
        parts.append(md_text(balance_line(balance)))
    if answer.citations:
        cards = "\n\n".join(citation_markdown(c, answer) for c in answer.citations)
        parts.append("Sources:\n\n" + cards)
    return "\n\n".join(parts)
