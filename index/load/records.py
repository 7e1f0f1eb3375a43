"""JSON and JSON Lines articles: one record is one article.

JSON Lines are read streamed, one line at a time, and each line is judged on its own:
a line that is too large, undecodable or not an article record is skipped with its line
number, and every other line is still loaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from io import BufferedIOBase
from typing import Any

from news_rag.index.clean.boilerplate import scrub
from news_rag.index.clean.metadata import map_fields
from news_rag.index.load.decode import decode_line
from news_rag.index.types import RawArticle, Skipped

_TEXT_KEYS = ("text", "body", "content", "article", "article_text", "full_text", "maintext")
_WRAPPER_KEYS = ("articles", "items", "records", "documents", "data", "results")
_READ_CHUNK = 1024 * 1024  # bytes read at a time while skipping the rest of a too-long line

Item = tuple[int | None, int, Any]  # (line number or None, record number, value or error)


def format_size(size: int) -> str:
    """'20 MB', '1.5 MB', '12 KB', '300 bytes'."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            value = f"{size / factor:.1f}".removesuffix(".0")
            return f"{value} {unit}"
    return f"{size} bytes"


def size_reason(size: int | None, limit: int, subject: str = "article") -> str:
    """Why an article (`subject`) of `size` bytes (None: unknown, larger) is skipped, naming
    the setting."""
    what = f"is {format_size(size)}, over" if size is not None else "is over"
    return (
        f"{subject} {what} the {format_size(limit)} limit per article; "
        "raise it with `rag index --max-article-mb N` (max_article_bytes in the API)"
    )


class TooLarge:
    """Stands for a record over the per-article size limit."""

    def __init__(self, size: int) -> None:
        self.size = size


class Undecodable:
    """Stands for a line that is binary or not decodable text."""


def article_key(value: object, fallback: str) -> str:
    """An article id: whitespace collapsed and trimmed, never empty (else `fallback`)."""
    key = " ".join(str(value).split()) if value is not None else ""
    return key or " ".join(fallback.split()) or "article"


def record_text(record: Mapping[str, Any]) -> str | None:
    """The article body of a JSON record (text/body/content), or None."""
    for key in _TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, list):
            value = "\n\n".join(str(part) for part in value if isinstance(part, str))
        if isinstance(value, str) and scrub(value).strip():
            return scrub(value)
    return None


def json_document_items(text: str) -> Iterator[Item] | Skipped | None:
    """The records of a JSON document, None when it is really JSON Lines ('Extra data')."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            return None
        return Skipped("", f"invalid JSON on line {error.lineno}: {error.msg}")
    records = _json_records(document)
    return ((None, number, item) for number, item in enumerate(records, 1))


def _json_records(document: Any) -> list[Any]:
    """The records of a JSON document: a list, one object, or a list under a wrapper key."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and record_text(document) is None:
        for key in _WRAPPER_KEYS:
            if isinstance(document.get(key), list):
                return list(document[key])
    return [document]


def text_lines(text: str) -> Iterator[Item]:
    """(line number, line number, parsed value or error) for each non-blank line of text."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield lineno, lineno, _parse_line(line)


def stream_lines(stream: BufferedIOBase, max_bytes: int) -> Iterator[Item]:
    """The same for a binary stream, read one line at a time; no line over `max_bytes`."""
    lineno = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            yield lineno, lineno, TooLarge(len(raw) + _skip_line(stream))
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        line = decode_line(raw)
        if line is None:
            yield lineno, lineno, Undecodable()
        elif line.strip():
            yield lineno, lineno, _parse_line(line)


def _skip_line(stream: BufferedIOBase) -> int:
    """Read past the rest of the current line; how many bytes that was."""
    skipped = 0
    while True:
        part = stream.readline(_READ_CHUNK)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def _parse_line(line: str) -> Any:
    try:
        return json.loads(line, strict=False)  # raw tabs inside strings are common
    except json.JSONDecodeError as error:
        return error


def load_records(
    source: str, stem: str, kind: str, items: Iterable[Item], max_bytes: int
) -> tuple[list[RawArticle], list[Skipped]]:
    """The articles among parsed records; a record over `max_bytes` is skipped."""
    articles: list[RawArticle] = []
    skipped: list[Skipped] = []
    for line, number, value in items:
        where = f"{source}:{number}"
        label = f"line {number}" if line is not None else f"record {number}"
        problem = _problem(value, label, number, max_bytes)
        body = record_text(value) if problem is None else None
        if problem is None and body is None:
            problem = f"{label} has no text (text, body or content field)"
        size = len(body.encode("utf-8")) if body is not None else 0
        if problem is None and size > max_bytes:
            problem = f"{label}: {size_reason(size, max_bytes)}"
        if problem is not None or body is None:
            skipped.append(Skipped(where, problem or ""))
            continue
        fallback = f"{stem}-L{number}" if line is not None else f"{stem}-{number}"
        key = article_key(value.get("id", value.get("_id")), fallback)
        fields = {name: _without_surrogates(field) for name, field in map_fields(value).items()}
        articles.append(
            RawArticle(source, key=key, text=body, format=kind, fields=fields, line=line)
        )
    return articles, skipped


def _problem(value: Any, label: str, number: int, max_bytes: int) -> str | None:
    if isinstance(value, json.JSONDecodeError):
        return f"invalid JSON on line {number}: {value.msg}"
    if isinstance(value, TooLarge):
        return f"{label}: {size_reason(value.size, max_bytes)}"
    if isinstance(value, Undecodable):
        return f"{label} is binary or undecodable, not text"
    if not isinstance(value, dict):
        return f"{label} is not a JSON object"
    return None


def _without_surrogates(value: Any) -> Any:
    """Lone surrogates (legal JSON escapes) replaced and control characters dropped."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    return value
