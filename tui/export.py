"""The conversation as Markdown or JSON: each answer with the filters and mode it was asked
with and its numbered, fully attributed citations (claimant, outlet, dates, where to find the
article); no internal ids or scores.

The Markdown reads cleanly as plain text: a character is escaped only where a Markdown reader
would take it for markup (`rag.render_markdown`), so a quote holding `*stars*` or `[link](…)` stays
text while `(a)`, `[1]` and `news_rag` are written as they are.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from news_rag.rag import Answer, Citation, SourceLabel
from news_rag.rag.render import disagrees_with
from news_rag.rag.render_markdown import answer_markdown, md_heading, md_inline
from news_rag.tui.chat_session import ChatTurn
from news_rag.tui.session_store import IndexIdentity

FORMATS = (".md", ".json")


def conversation_markdown(
    title: str, turns: Sequence[ChatTurn], default_mode: str = "hybrid", default_k: int = 10
) -> str:
    lines = [md_heading(1, title), ""]
    for index, turn in enumerate(turns, start=1):
        asked = md_inline(turn.options.describe(default_mode, default_k), line_start=False)
        lines += [md_heading(2, f"{index}. {turn.question}"), "", f"_asked with: {asked}_"]
        resolved = turn.answer.resolved_question
        if resolved and resolved != turn.question:  # how a follow-up was read
            lines += ["", f"_read as: {md_inline(resolved, line_start=False)}_"]
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
                # how a follow-up was read ("When did he say it?" -> the question it stood for)
                "resolved_question": turn.answer.resolved_question,
                "filters": {k: v for k, v in turn.options.filters.to_dict().items() if v},
                "mode": turn.options.mode or default_mode,
                "k": turn.options.k or default_k,
                "answer": turn.answer.answer,
                "abstained": turn.answer.abstained,
                "balance": None if turn.answer.balance is None else turn.answer.balance.to_dict(),
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
