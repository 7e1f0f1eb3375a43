"""The conversation as Markdown or JSON: each answer with the filters and mode it was asked
with and its numbered, fully attributed citations (claimant, outlet, dates, where to find the
article); no internal ids or scores.

Every string that comes from an article is escaped (`md_text`), so a quote holding `[2]`,
`*stars*`, `[link=…]` or a bare URL stays text in any Markdown viewer.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from news_rag.rag import Answer, Citation, SourceLabel
from news_rag.tui.chat_session import ChatTurn
from news_rag.tui.render import Balance, disagrees_with
from news_rag.tui.session_store import IndexIdentity

FORMATS = (".md", ".json")

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


def _dates(citation: Citation) -> str:
    parts = [f"published {citation.source.published or 'undated'}"]
    if citation.event_date:
        parts.append(f"event date {citation.event_date}")
    return " · ".join(parts)


def _where(label: SourceLabel) -> str:
    return label.url or label.source_path or "unknown file"


def citation_markdown(citation: Citation, answer: Answer) -> str:
    """`[n] label`, claimant, dates, disagreement, where the article is, then the quote."""
    lines = [f"**\\[{citation.n}\\]** {md_text(citation.source.render())}  "]
    lines.append(f"claimed by: {md_text(citation.claimant or 'unattributed')}  ")
    lines.append(f"{md_text(_dates(citation))}  ")
    others = disagrees_with(citation, answer)
    if others:
        lines.append("disagrees with " + ", ".join(f"\\[{n}\\]" for n in others) + "  ")
    for other in citation.also_in:
        lines.append(f"also in: {md_text(other.render())}  ")
    lines.append(f"source: {md_text(_where(citation.source))}")
    lines += ["", f"> {md_text(citation.quote)}"]
    return "\n".join(lines)


def balance_line(answer: Answer) -> str | None:
    balance = Balance.of(answer)
    if balance is None:
        return None
    rests = ", ".join(e.label() for e in balance.rests_on) or "nobody named"
    line = f"Rests on: {rests}"
    if balance.also_in_results:
        line += " · Also in the results, not cited: "
        line += ", ".join(e.label() for e in balance.also_in_results)
    return line


def answer_markdown(answer: Answer) -> str:
    """One answer and its sources (also what the copy key puts on the clipboard)."""
    parts = ["  \n".join(md_text(line) for line in answer.answer.strip().split("\n"))]
    if answer.abstained:
        parts.append("_No quotable answer in the indexed articles._")
    balance = balance_line(answer)
    if balance:
        parts.append(md_text(balance))
    if answer.citations:
        cards = "\n\n".join(citation_markdown(c, answer) for c in answer.citations)
        parts.append("Sources:\n\n" + cards)
    return "\n\n".join(parts)


def conversation_markdown(
    title: str, turns: Sequence[ChatTurn], default_mode: str = "hybrid", default_k: int = 10
) -> str:
    lines = [f"# {md_text(title)}", ""]
    for index, turn in enumerate(turns, start=1):
        asked = turn.options.describe(default_mode, default_k)
        lines += [f"## {index}. {md_text(turn.question)}", "", f"_asked with: {md_text(asked)}_"]
        lines += ["", answer_markdown(turn.answer), ""]
    return "\n".join(lines).rstrip() + "\n"


def _label_json(label: SourceLabel) -> dict[str, Any]:
    return {k: v for k, v in label.to_dict().items() if k != "article_id"}


def citation_json(citation: Citation, answer: Answer) -> dict[str, Any]:
    data: dict[str, Any] = {"n": citation.n, "claimant": citation.claimant}
    data.update(_label_json(citation.source))
    data.update(
        {
            "event_date": citation.event_date,
            "quote": citation.quote,
            "disagrees_with": disagrees_with(citation, answer),
            "also_in": [_label_json(s) for s in citation.also_in],
        }
    )
    return data


def conversation_json(
    title: str,
    turns: Sequence[ChatTurn],
    index: IndexIdentity | None = None,
    default_mode: str = "hybrid",
    default_k: int = 10,
) -> dict[str, Any]:
    return {
        "title": title,
        "index": None if index is None else {"path": index.path, "corpus_id": index.corpus_id},
        "turns": [
            {
                "question": turn.question,
                "filters": {k: v for k, v in turn.options.filters.to_dict().items() if v},
                "mode": turn.options.mode or default_mode,
                "k": turn.options.k or default_k,
                "answer": turn.answer.answer,
                "abstained": turn.answer.abstained,
                "balance": turn.answer.balance,
                "citations": [citation_json(c, turn.answer) for c in turn.answer.citations],
            }
            for turn in turns
        ],
    }


def export_path(argument: str) -> Path:
    """The file to write: `.md` unless `.json` is named; other suffixes get `.md` added."""
    target = Path(argument).expanduser()
    if target.suffix.lower() not in FORMATS:
        target = target.with_name(target.name + ".md")
    return target


def write_export(
    target: Path,
    title: str,
    turns: Sequence[ChatTurn],
    index: IndexIdentity | None = None,
    default_mode: str = "hybrid",
    default_k: int = 10,
) -> Path:
    """Write the conversation (Markdown or JSON by suffix) atomically; the resolved path."""
    if target.suffix.lower() == ".json":
        data = conversation_json(title, turns, index, default_mode, default_k)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = conversation_markdown(title, turns, default_mode, default_k)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(scratch).replace(target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return target.resolve()
