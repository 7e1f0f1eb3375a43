"""The conversation as Markdown: each answer with its numbered, fully attributed citations."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from news_rag.rag import Answer, Citation


def citation_markdown(citation: Citation) -> str:
    """`[n] label`, claimant, where the quote sits in the article, then the quote."""
    lines = [f"**[{citation.n}]** {citation.source.render()}  "]
    lines.append(f"claimed by: {citation.claimant or 'unattributed'}  ")
    if citation.conflict_group is not None:
        lines.append(f"conflicting sources (group {citation.conflict_group})  ")
    for other in citation.also_in:
        lines.append(f"also in: {other.render()}  ")
    lines.append(
        f"article `{citation.article_id}`, characters {citation.char_start}-{citation.char_end}"
    )
    lines += ["", f"> {' '.join(citation.quote.split())}"]
    return "\n".join(lines)


def answer_markdown(answer: Answer) -> str:
    """One answer and its sources (also what the copy key puts on the clipboard)."""
    parts = [answer.answer.strip()]
    if answer.abstained:
        parts.append("_No quotable answer in the indexed articles._")
    if answer.citations:
        parts.append("Sources:\n\n" + "\n\n".join(citation_markdown(c) for c in answer.citations))
    return "\n\n".join(parts)


def conversation_markdown(title: str, turns: Sequence[tuple[str, Answer]]) -> str:
    lines = [f"# {title}", ""]
    for index, (question, answer) in enumerate(turns, start=1):
        lines += [f"## {index}. {question.strip()}", "", answer_markdown(answer), ""]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(path: Path, title: str, turns: Sequence[tuple[str, Answer]]) -> Path:
    """Write the conversation to `path` (parents created); returns the resolved path."""
    target = path.expanduser()
    if target.suffix.lower() != ".md":
        target = target.with_name(target.name + ".md")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(conversation_markdown(title, turns), encoding="utf-8")
    return target.resolve()
