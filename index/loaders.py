"""Find article files, read and decode them, and parse each format into `RawArticle`s.

Nothing here raises for bad content: every file or record that cannot be used comes
back as a `Skipped` with a one-line reason, and everything else is still loaded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from news_rag.index.boilerplate import scrub
from news_rag.index.metadata import map_fields, parse_date, split_names
from news_rag.index.types import RawArticle, Skipped

MAX_FILE_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".json")
_TEXT_KEYS = ("text", "body", "content", "article", "article_text", "full_text", "maintext")
_WRAPPER_KEYS = ("articles", "items", "records", "documents", "data", "results")
_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
}


def format_size(size: int) -> str:
    """'20 MB', '1.5 MB', '12 KB', '300 bytes'."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            value = f"{size / factor:.1f}".removesuffix(".0")
            return f"{value} {unit}"
    return f"{size} bytes"


def discover(
    paths: Sequence[str | Path], *, max_bytes: int = MAX_FILE_BYTES
) -> tuple[list[Path], list[Skipped]]:
    """Article files under the given files and folders, in a stable order, and what was skipped."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates, problems = _walk(path)
            skipped.extend(problems)
            if not candidates and not problems:
                supported = ", ".join(SUPPORTED_SUFFIXES)
                skipped.append(Skipped(str(path), f"no article files ({supported}) in this folder"))
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append(Skipped(str(path), _unsupported(path)))
                continue
            candidates = [path]
        elif path.is_symlink():
            skipped.append(Skipped(str(path), "broken symlink (its target does not exist)"))
            continue
        else:
            skipped.append(Skipped(str(path), "no such file or directory"))
            continue
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            problem = _size_problem(candidate, max_bytes)
            if problem:
                skipped.append(Skipped(str(candidate), problem))
            else:
                found.append(candidate)
    return found, skipped


def _unsupported(path: Path) -> str:
    kind = f"'{path.suffix}'" if path.suffix else "without a suffix"
    return f"unsupported file type {kind}; use one of {', '.join(SUPPORTED_SUFFIXES)}"


def _size_problem(path: Path, max_bytes: int) -> str | None:
    try:
        size = path.stat().st_size
    except OSError as error:
        return f"cannot read file: {error.strerror or error}"
    if size > max_bytes:
        return (
            f"file is {format_size(size)}, over the {format_size(max_bytes)} limit; "
            "split it or raise the limit"
        )
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
            if name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES:
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


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Single-byte Western encodings that detection confuses on short text: cp1252 wins.
_WESTERN = frozenset(
    [
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
        "mac_iceland",
        "mac_turkish",
        "cp437",
        "cp850",
        "cp858",
    ]
)


def decode_bytes(data: bytes) -> str | None:
    """Text of a file: UTF-8 (BOM or not), UTF-16/32 with BOM, else detected; None if binary."""
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(bom_encoding)
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:
        return None
    try:
        return _text_or_none(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding: str | None = best.encoding if best is not None else None
    if encoding is None or encoding in _WESTERN or encoding.startswith(("utf_16", "utf_32")):
        try:
            return _text_or_none(data.decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return _text_or_none(str(best)) if best is not None else None


def _text_or_none(text: str) -> str | None:
    """The text unless control characters show it is really binary."""
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f\v")
    return None if controls > max(2, len(text) // 100) else text


def read_text(path: Path) -> str | Skipped:
    """The decoded text of a file, or why it cannot be used as text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Skipped(str(path), f"cannot read file: {error.strerror or error}")
    if not data:
        return Skipped(str(path), "empty file")
    text = decode_bytes(data)
    if text is None:
        return Skipped(str(path), "binary or undecodable file, not text")
    if not text.strip():
        return Skipped(str(path), "file contains only whitespace")
    return text


def load_file(path: Path) -> tuple[list[RawArticle], list[Skipped]]:
    """The articles in one file, and the file or records that could not be used."""
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        return [], [Skipped(str(path), _unsupported(path))]
    text = read_text(path)
    if isinstance(text, Skipped):
        return [], [text]
    if kind == "html":
        return _load_html(path, text)
    if kind in ("jsonl", "json"):
        return _load_json(path, text, kind)
    return [RawArticle(source_path=str(path), key=path.stem, text=text, format=kind)], []


def _load_html(path: Path, markup: str) -> tuple[list[RawArticle], list[Skipped]]:
    text, fields = extract_html(markup)
    if not text.strip():
        return [], [Skipped(str(path), "no readable article text in this HTML")]
    article = RawArticle(str(path), key=path.stem, text=text, format="html", fields=fields)
    return [article], []


def extract_html(markup: str) -> tuple[str, dict[str, Any]]:
    """Main text (paragraphs separated by blank lines) and metadata fields of an HTML page."""
    import trafilatura

    try:
        extracted = trafilatura.extract(
            markup,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura/lxml can fail on hostile markup; fall back below
        extracted = None
    result: dict[str, Any] = json.loads(extracted) if extracted else {}
    text = result.get("text") or ""
    if not text.strip():
        try:
            text = trafilatura.html2txt(markup) or ""
        except Exception:
            text = ""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
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
    return "\n\n".join(paragraphs), fields


def _load_json(path: Path, text: str, kind: str) -> tuple[list[RawArticle], list[Skipped]]:
    if kind == "json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            if error.msg != "Extra data":
                return [], [Skipped(str(path), f"invalid JSON on line {error.lineno}: {error.msg}")]
        else:
            records = _json_records(document)
            return _records(path, ((None, index, item) for index, item in enumerate(records, 1)))
    return _records(path, _json_lines(text))


def _without_surrogates(value: Any) -> Any:
    """Lone surrogates (legal JSON escapes) replaced and control characters dropped."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    return value


def _json_records(document: Any) -> list[Any]:
    """The records of a JSON document: a list, one object, or a list under a wrapper key."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and record_text(document) is None:
        for key in _WRAPPER_KEYS:
            if isinstance(document.get(key), list):
                return list(document[key])
    return [document]


def _json_lines(text: str) -> Iterator[tuple[int | None, int, Any]]:
    """(line number, line number, parsed value or the JSON error) for each non-blank line."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield lineno, lineno, json.loads(line)
        except json.JSONDecodeError as error:
            yield lineno, lineno, error


def _records(
    path: Path, items: Iterator[tuple[int | None, int, Any]]
) -> tuple[list[RawArticle], list[Skipped]]:
    articles: list[RawArticle] = []
    skipped: list[Skipped] = []
    kind = "jsonl" if path.suffix.lower() == ".jsonl" else "json"
    for line, number, value in items:
        where = f"{path}:{number}"
        label = f"line {number}" if line is not None else f"record {number}"
        if isinstance(value, json.JSONDecodeError):
            skipped.append(Skipped(where, f"invalid JSON on line {number}: {value.msg}"))
            continue
        if not isinstance(value, dict):
            skipped.append(Skipped(where, f"{label} is not a JSON object"))
            continue
        body = record_text(value)
        if body is None:
            skipped.append(Skipped(where, f"{label} has no text (text, body or content field)"))
            continue
        record_id = value.get("id", value.get("_id"))
        if record_id is not None and str(record_id).strip():
            key = str(record_id).strip()
        else:
            key = f"{path.stem}-L{number}" if line is not None else f"{path.stem}-{number}"
        fields = {name: _without_surrogates(field) for name, field in map_fields(value).items()}
        articles.append(
            RawArticle(str(path), key=key, text=body, format=kind, fields=fields, line=line)
        )
    return articles, skipped


def record_text(record: Mapping[str, Any]) -> str | None:
    """The article body of a JSON record (text/body/content), or None."""
    for key in _TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, list):
            value = "\n\n".join(str(part) for part in value if isinstance(part, str))
        if isinstance(value, str) and scrub(value).strip():
            return scrub(value)
    return None
