"""Find article files, read and decode them, and parse each format into `RawArticle`s.

Nothing here raises for bad content: every file or record that cannot be used comes
back as a `Skipped` with a one-line reason, and everything else is still loaded. The
size limit is per article (a text or HTML file, one JSON record), never per file of
many records; JSON Lines and `.gz` files are read streamed.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from io import BufferedIOBase
from pathlib import Path
from typing import Any

from news_rag.index.clean.metadata import parse_date, split_names
from news_rag.index.load.decode import bom_encoding, decode_bytes
from news_rag.index.load.records import (
    Item,
    article_key,
    format_size,
    json_document_items,
    load_records,
    size_reason,
    stream_lines,
    text_lines,
)
from news_rag.index.types import RawArticle, Skipped

# The default limit on one article's text (a text or Markdown file, a JSON record, the text
# extracted from an HTML page): what indexes in about a minute and under 1.5 GB on a busy
# 2-core machine. Indexing costs about 2 minutes of CPU per MB of text, linear in the size
# (eval/RESULTS.md, "Bounded cost per byte": 512 KB took 43 s, 1 MB 120-150 s, about 1 GB
# peak RSS), dominated by the embedding of every chunk and sentence. Still 40 times the
# longest of 19,043 Reuters-21578 stories (13 KB); long-form pieces stay far below it.
# `rag index --max-article-mb N` changes it.
MAX_ARTICLE_BYTES = 512 * 1024
# An HTML page is mostly markup: its file may be this large (its extracted text is held to
# the article limit), so a heavy page of an ordinary story is not refused.
MAX_HTML_FILE_BYTES = 20 * 1024 * 1024
# A .json document is parsed whole, which takes several times its size in memory; a
# larger collection belongs in JSON Lines, which is read one line at a time.
MAX_JSON_DOCUMENT_BYTES = 512 * 1024 * 1024
_GZIP_ERRORS = (OSError, EOFError, zlib.error)
_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
    ".jsonl.gz": "jsonl",
    ".json.gz": "json",
    ".txt.gz": "txt",
}
SUPPORTED_SUFFIXES = tuple(_FORMATS)

__all__ = [
    "MAX_ARTICLE_BYTES",
    "SUPPORTED_SUFFIXES",
    "discover",
    "extract_html",
    "format_size",
    "load_file",
]


def _suffix(path: Path) -> str | None:
    """The supported suffix the file name ends with ('.jsonl.gz', '.txt'), or None."""
    name = path.name.lower()
    return next((s for s in sorted(_FORMATS, key=len, reverse=True) if name.endswith(s)), None)


def _stem(path: Path) -> str:
    suffix = _suffix(path) or path.suffix
    return path.name[: len(path.name) - len(suffix)] if suffix else path.name


def discover(
    paths: Sequence[str | Path], *, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[Path], list[Skipped]]:
    """Article files under the given files and folders, in a stable order, and what was skipped.

    A symlink given here is refused, and links inside a folder are followed only to
    targets inside that folder.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_symlink():
            skipped.append(Skipped(str(path), _given_link(path)))
            continue
        if path.is_dir():
            candidates, problems = _walk(path)
            skipped.extend(problems)
            if not candidates and not problems:
                supported = ", ".join(SUPPORTED_SUFFIXES)
                skipped.append(Skipped(str(path), f"no article files ({supported}) in this folder"))
        elif path.is_file():
            if _suffix(path) is None:
                skipped.append(Skipped(str(path), _unsupported(path)))
                continue
            candidates = [path]
        else:
            skipped.append(Skipped(str(path), "no such file or directory"))
            continue
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            problem = _size_problem(candidate, max_article_bytes)
            if problem:
                skipped.append(Skipped(str(candidate), problem))
            else:
                found.append(candidate)
    return found, skipped


def _given_link(path: Path) -> str:
    target = path.readlink()
    return f"is a symlink (to {target}); links are not followed: give the file or folder itself"


def _unsupported(path: Path) -> str:
    kind = f"'{path.suffix}'" if path.suffix else "without a suffix"
    return f"unsupported file type {kind}; use one of {', '.join(SUPPORTED_SUFFIXES)}"


def _size_problem(path: Path, max_article_bytes: int) -> str | None:
    """A whole-file limit: one article per text/HTML file, a parse limit for .json."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return f"cannot read file: {error.strerror or error}"
    suffix = _suffix(path)
    if suffix == ".json" and size > MAX_JSON_DOCUMENT_BYTES:
        return (
            f"JSON document is {format_size(size)}, over the "
            f"{format_size(MAX_JSON_DOCUMENT_BYTES)} read at once; convert it to JSON Lines "
            "(.jsonl, one article per line), which is read a line at a time"
        )
    if suffix in (".html", ".htm"):
        limit = max(max_article_bytes, MAX_HTML_FILE_BYTES)
        return size_reason(size, limit, "HTML file") if size > limit else None
    if suffix in (".txt", ".md", ".markdown") and size > max_article_bytes:
        return size_reason(size, max_article_bytes)
    return None


def _walk(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Supported files under `root`, sorted; hidden entries ignored, outside links refused."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    real_root = root.resolve()

    def on_error(error: OSError) -> None:
        skipped.append(Skipped(str(error.filename), f"cannot read folder: {error.strerror}"))

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        base = Path(folder)
        for name in list(dirs):
            link = base / name
            if link.is_symlink():  # os.walk does not descend into linked folders
                reason = _link_problem(link, real_root)
                if reason:
                    skipped.append(Skipped(str(link), reason))
        for name in sorted(files):
            path = base / name
            if name.startswith(".") or _suffix(path) is None:
                continue
            reason = _link_problem(path, real_root) if path.is_symlink() else None
            if reason:
                skipped.append(Skipped(str(path), reason))
            else:
                found.append(path)
    return sorted(found), skipped


def _link_problem(link: Path, real_root: Path) -> str | None:
    target = link.resolve()
    if not target.is_relative_to(real_root):
        return f"symlink points outside {real_root}; not followed"
    if not target.exists():
        return "broken symlink (its target does not exist)"
    return None


def _open(path: Path) -> BufferedIOBase:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _read_error(path: Path, error: BaseException) -> Skipped:
    """One line for an error while reading a file: an OS error, or a corrupt .gz."""
    if isinstance(error, OSError) and error.strerror:
        return Skipped(str(path), f"cannot read file: {error.strerror}")
    detail = " ".join(str(error).split()) or type(error).__name__
    if not path.name.lower().endswith(".gz"):
        return Skipped(str(path), f"cannot read file: {detail}")
    return Skipped(str(path), f"corrupt or truncated gzip file ({detail}); re-create it")


def _read_bytes(path: Path, limit: int) -> bytes | Skipped:
    """At most `limit` bytes of the (decompressed) file, or why it cannot be read."""
    try:
        with _open(path) as stream:
            data = stream.read(limit + 1)
    except _GZIP_ERRORS as error:
        return _read_error(path, error)
    if len(data) > limit:
        return Skipped(str(path), size_reason(None, limit))
    return data


def read_text(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str | Skipped:
    """The decoded text of a file, or why it cannot be used as text."""
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Skipped):
        return data
    if not data:
        return Skipped(str(path), "empty file")
    text = decode_bytes(data)
    if text is None:
        return Skipped(str(path), "binary or undecodable file, not text")
    if not text.strip():
        return Skipped(str(path), "file contains only whitespace")
    return text


def load_file(
    path: Path, *, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[RawArticle], list[Skipped]]:
    """The articles in one file, and the file or records that could not be used."""
    suffix = _suffix(path)
    if suffix is None:
        return [], [Skipped(str(path), _unsupported(path))]
    kind = _FORMATS[suffix]
    if kind == "jsonl":
        return _load_json_lines(path, max_article_bytes)
    limits = {"json": MAX_JSON_DOCUMENT_BYTES, "html": max(max_article_bytes, MAX_HTML_FILE_BYTES)}
    text = read_text(path, max_bytes=limits.get(kind, max_article_bytes))
    if isinstance(text, Skipped):
        return [], [text]
    if kind == "html":
        return _load_html(path, text, max_article_bytes)
    if kind == "json":
        return _load_json(path, text, max_article_bytes)
    key = article_key(_stem(path), path.name)
    return [RawArticle(source_path=str(path), key=key, text=text, format=kind)], []


def _load_json(
    path: Path, text: str, max_article_bytes: int
) -> tuple[list[RawArticle], list[Skipped]]:
    """A JSON document (list, object, wrapper), or JSON Lines saved as .json."""
    items = json_document_items(text)
    if isinstance(items, Skipped):
        return [], [Skipped(str(path), items.reason)]
    lines = text_lines(text) if items is None else items
    return load_records(str(path), _stem(path), "json", lines, max_article_bytes)


def _load_json_lines(path: Path, max_article_bytes: int) -> tuple[list[RawArticle], list[Skipped]]:
    """JSON Lines, streamed; a file with a UTF-16/32 byte-order mark is decoded whole."""
    try:
        with _open(path) as stream:
            head = stream.read(4)
    except _GZIP_ERRORS as error:
        return [], [_read_error(path, error)]
    if not head:
        return [], [Skipped(str(path), "empty file")]
    if bom_encoding(head) not in (None, "utf-8-sig"):
        text = read_text(path, max_bytes=MAX_JSON_DOCUMENT_BYTES)
        if isinstance(text, Skipped):
            return [], [text]
        return load_records(str(path), _stem(path), "jsonl", text_lines(text), max_article_bytes)
    errors: list[Skipped] = []
    with _open(path) as stream:
        items = _guarded(path, stream_lines(stream, max_article_bytes), errors)
        articles, skipped = load_records(str(path), _stem(path), "jsonl", items, max_article_bytes)
    return articles, skipped + errors


def _guarded(path: Path, items: Iterator[Item], errors: list[Skipped]) -> Iterable[Item]:
    """`items` until a read error (a corrupt .gz), which becomes one skip reason."""
    line = 0
    try:
        for item in items:
            line = item[1]
            yield item
    except _GZIP_ERRORS as error:
        problem = _read_error(path, error)
        kept = f"; lines 1-{line} were read" if line else ""
        errors.append(Skipped(problem.path, problem.reason + kept))


def _load_html(
    path: Path, markup: str, max_article_bytes: int
) -> tuple[list[RawArticle], list[Skipped]]:
    try:
        text, fields = extract_html(markup)
    except HtmlSupportMissing as error:
        return [], [Skipped(str(path), str(error))]
    if not text.strip():
        return [], [Skipped(str(path), "no readable article text in this HTML")]
    size = len(text.encode("utf-8"))
    if size > max_article_bytes:
        return [], [Skipped(str(path), size_reason(size, max_article_bytes, "its text"))]
    key = article_key(_stem(path), path.name)
    return [RawArticle(str(path), key=key, text=text, format="html", fields=fields)], []


class HtmlSupportMissing(Exception):
    """The HTML extractor cannot be imported (e.g. lxml >= 5.2 without lxml_html_clean)."""

    def __init__(self, error: ImportError) -> None:
        detail = " ".join(str(error).split())
        super().__init__(
            f"HTML support is not installed ({detail}); "
            "run `pip install lxml_html_clean` (or reinstall news-rag), then index again"
        )


def extract_html(markup: str) -> tuple[str, dict[str, Any]]:
    """Main text (paragraphs separated by blank lines) and metadata fields of an HTML page.

    Raises `HtmlSupportMissing` (a one-line message) when the extractor cannot be imported.
    """
    try:
        import trafilatura  # deferred: imports lxml and jusText (~0.3 s)

        extracted = _extract(trafilatura, markup)
    except ImportError as error:
        raise HtmlSupportMissing(error) from None
    result: dict[str, Any] = json.loads(extracted) if extracted else {}
    text = result.get("text") or ""
    if not text.strip():
        text = ""
        with suppress(Exception):  # hostile markup; an empty text is reported by the caller
            text = trafilatura.html2txt(markup) or ""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n\n".join(paragraphs), _html_fields(result)


def _extract(trafilatura: Any, markup: str) -> str | None:
    try:
        extracted: str | None = trafilatura.extract(
            markup,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except ImportError:
        raise
    except Exception:  # trafilatura/lxml can fail on hostile markup; the caller falls back
        return None
    return extracted


def _html_fields(result: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if result.get("title"):
        fields["title"] = str(result["title"]).strip()
    if result.get("author"):
        fields["authors"] = list(split_names(str(result["author"])))
    published = parse_date(result.get("date"))
    if published:
        fields["published"] = published
    if result.get("sitename") or result.get("source-hostname"):
        fields["outlet"] = str(result.get("sitename") or result.get("source-hostname")).strip()
    if result.get("url") or result.get("source"):
        fields["url"] = str(result.get("url") or result.get("source")).strip()
    tags = [part.strip() for part in str(result.get("categories") or "").split(";") if part.strip()]
    if tags:
        fields["themes"] = tags
    return fields
