"""Batch input for `rag ask` / `rag search`: many questions, one model load, NDJSON out.

Input is one question per line, or JSON Lines with `question` (or `query`) and optional
`outlet`, `author`, `theme`, `since`, `until`, `dateline`, `k` and `mode`; the command-line
options are the defaults that a record's own fields override. Blank lines and lines starting
with `#` are skipped; other fields (e.g. an eval file's `answers`) are ignored, with one note
on stderr naming them. Output is one JSON object per input record, in input order (with the
record's `id` when it has one); a record that fails gives `{"line", "question", "error"}`
in its place and the command exits 1 at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TextIO

from news_rag.rag.settings import MAX_K, MODES
from news_rag.rag.types import Filters

FILTER_FIELDS = ("outlet", "author", "theme", "since", "until", "dateline")
RECORD_FIELDS = {"question", "query", "k", "mode", "id", *FILTER_FIELDS}


@dataclass(frozen=True)
class BatchItem:
    line: int
    question: str
    filters: Filters
    k: int | None
    mode: str | None
    id: Any = None  # echoed back when the record has one
    error: str | None = None
    ignored: tuple[str, ...] = ()  # fields of the record that mean nothing here


def _problem(data: dict[str, Any]) -> str | None:
    """What is wrong with a JSON record, or None."""
    question = data.get("question", data.get("query"))
    k = data.get("k")
    bad_k = k is not None and (isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K)
    checks = (
        (not isinstance(question, str), "'question' must be a string"),
        (
            any(data.get(n) is not None and not isinstance(data[n], str) for n in FILTER_FIELDS),
            "filters must be strings",
        ),
        (bad_k, f"'k' must be an integer from 1 to {MAX_K}"),
        (data.get("mode") not in (None, *MODES), f"'mode' must be one of {', '.join(MODES)}"),
    )
    return next((message for failed, message in checks if failed), None)


def _record(data: Any, base: BatchItem) -> BatchItem:
    if not isinstance(data, dict):
        return replace(base, error="a JSON line must be an object with a 'question' field")
    problem = _problem(data)
    question = data.get("question", data.get("query"))
    if problem is not None:
        return replace(base, question=str(question or base.question), error=problem)
    changes = {name: data[name] for name in FILTER_FIELDS if data.get(name) is not None}
    return replace(
        base,
        question=str(question),
        filters=replace(base.filters, **changes),
        k=data.get("k", base.k),
        mode=data.get("mode", base.mode),
        id=data.get("id"),
        ignored=tuple(sorted(set(data) - RECORD_FIELDS)),
    )


def read_items(
    lines: Iterable[str], filters: Filters, k: int | None, mode: str | None
) -> Iterator[BatchItem]:
    """Parse input lines into items; bad lines become items with an `error`."""
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        base = BatchItem(number, text, filters, k, mode)
        if not text.startswith("{"):
            yield base
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield replace(base, error=f"not valid JSON ({exc.msg})")
            continue
        yield _record(data, base)


def run_batch(
    items: Iterable[BatchItem], handle: Callable[[BatchItem], dict[str, Any]], out: TextIO
) -> tuple[int, set[str]]:
    """Write one NDJSON line per item (flushed, so a reader sees each as it is done).

    `handle` answers one item; a RagError it raises becomes that item's error line.
    Returns the number of items that failed and the record fields that were ignored.
    """
    from news_rag.index.errors import IndexNotFoundError, ModelError, RagError

    failed = 0
    ignored: set[str] = set()
    for item in items:
        ignored.update(item.ignored)
        result: dict[str, Any]
        if item.error is None:
            try:
                result = handle(item)
            except (IndexNotFoundError, ModelError):
                raise  # nothing else in the batch can succeed: one error, exit 1
            except RagError as exc:
                result = {"line": item.line, "question": item.question, "error": str(exc)}
        else:
            result = {"line": item.line, "question": item.question, "error": item.error}
        if "error" in result:
            failed += 1
        if item.id is not None:
            result = {"id": item.id, **result}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return failed, ignored
