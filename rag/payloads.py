"""JSON shapes shared by the CLI (`--json`, NDJSON), the HTTP API and the MCP server.

Answers are `Answer.to_dict()` and passages `Passage.to_dict()`; this module adds the
envelopes around them, so that `rag search --json`, `POST /search` and the MCP `search` tool
return the same object.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from news_rag.index.types import Article
from news_rag.rag.types import Filters, Passage

OFFSETS_NOTE = "character offsets refer to the article's cleaned text, not the source file"


def search_payload(
    query: str, mode: str, filters: Filters, passages: Sequence[Passage], elapsed_ms: float
) -> dict[str, Any]:
    """What `rag search --json` prints."""
    return {
        "query": query,
        "mode": mode,
        "filters": filters.to_dict(),
        "results": [p.to_dict() for p in passages],
        "timings_ms": {"total": round(elapsed_ms, 1)},
    }


def article_payload(article: Article, span: tuple[int, int] | None = None) -> dict[str, Any]:
    """An article's metadata and cleaned text (`rag show --json`, `GET /articles/{id}`).

    With `span`, `span.text == text[span.start:span.end]`.
    """
    data = article.to_dict()
    data["offsets"] = OFFSETS_NOTE
    if span is not None:
        start, end = span
        data["span"] = {"start": start, "end": end, "text": article.text[start:end]}
    return data


def check_span(article: Article, span: tuple[int, int]) -> str | None:
    """Why `span` does not fit inside the article's cleaned text, or None when it does."""
    start, end = span
    if not 0 <= start < end <= len(article.text):
        return (
            f"span {start}:{end} is outside article {article.id} "
            f"(its cleaned text has {len(article.text)} characters)"
        )
    return None
