"""Rebuild `Answer` objects from their stored `to_dict()` form (saved sessions)."""

from __future__ import annotations

from typing import Any

from news_rag.rag import Answer, Citation, Passage, SourceLabel

_LABEL_FIELDS = (
    "title",
    "outlet",
    "author",
    "published",
    "url",
    "source_path",
    "original_source",
    "original_published",
)


def label_from_dict(data: dict[str, Any]) -> SourceLabel:
    values: dict[str, Any] = {name: data.get(name) for name in _LABEL_FIELDS}
    values["source_path"] = str(values["source_path"] or "")
    return SourceLabel(article_id=str(data.get("article_id", "")), **values)


def citation_from_dict(data: dict[str, Any]) -> Citation:
    group = data.get("conflict_group")
    return Citation(
        n=int(data["n"]),
        quote=str(data["quote"]),
        char_start=int(data["char_start"]),
        char_end=int(data["char_end"]),
        claimant=str(data.get("claimant") or ""),
        score=float(data.get("score") or 0.0),
        source=label_from_dict(data),
        passage_start=int(data.get("passage_start") or 0),
        passage_end=int(data.get("passage_end") or 0),
        conflict_group=None if group is None else int(group),
        also_in=tuple(label_from_dict(s) for s in data.get("also_in") or ()),
    )


def passage_from_dict(data: dict[str, Any]) -> Passage:
    return Passage(
        article_id=str(data["article_id"]),
        chunk_id=int(data["chunk_id"]),
        text=str(data["text"]),
        score=float(data.get("score") or 0.0),
        char_start=int(data["char_start"]),
        char_end=int(data["char_end"]),
        source=label_from_dict(data),
        also_in=tuple(label_from_dict(s) for s in data.get("also_in") or ()),
    )


def answer_from_dict(data: dict[str, Any]) -> Answer:
    """The inverse of `Answer.to_dict()`; raises KeyError/ValueError on a damaged record."""
    return Answer(
        question=str(data["question"]),
        answer=str(data["answer"]),
        abstained=bool(data.get("abstained")),
        citations=tuple(citation_from_dict(c) for c in data.get("citations") or ()),
        passages=tuple(passage_from_dict(p) for p in data.get("passages") or ()),
        kind=str(data.get("kind") or "extractive"),
        resolved_question=data.get("resolved_question"),
        conflicts=tuple(tuple(int(n) for n in g) for g in data.get("conflicts") or ()),
        timings_ms={str(k): float(v) for k, v in (data.get("timings_ms") or {}).items()},
    )
