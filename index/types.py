"""Typed records that cross module lines on the write path.

`RawArticle` is what a loader read from a file (text plus whatever metadata the
format carried), `Article` is a cleaned article with its extracted metadata, and
`Chunk` is one embedded span of an article's cleaned text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawArticle:
    """One article as a loader found it, before cleaning.

    `text` is the article text as read (for HTML, the extractor's text; for JSONL,
    the record's text field). `fields` holds metadata the format itself carried
    (JSONL keys, HTML meta tags), already mapped to our names: title, authors
    (list of str), published (ISO date str), url, outlet, region, dateline, themes (list).
    """

    source_path: str
    key: str  # id hint: the file stem, or a JSONL record's id / "<stem>-L<line>"
    text: str
    format: str  # "txt", "md", "html", "jsonl"
    fields: dict[str, Any] = field(default_factory=dict)
    line: int | None = None  # 1-based line number for JSONL records


@dataclass(frozen=True)
class Article:
    """A cleaned article and its metadata. Missing metadata is None, never guessed."""

    id: str
    text: str  # cleaned body text; chunk and quote offsets point into it
    source_path: str
    content_hash: str  # sha256 of the cleaned text
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD)
    original_source: str | None = None  # set only when the article is a re-post
    original_published: str | None = None
    region: str | None = None
    dateline: str | None = None  # place of the wire dateline ("HOUSTON"), or a `places` field
    themes: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()  # "In-depth Report" tags
    url: str | None = None
    format: str = "txt"
    near_duplicate_of: str | None = None  # id of an earlier near-identical article

    @property
    def author(self) -> str | None:
        return ", ".join(self.authors) if self.authors else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["themes"] = list(self.themes)
        data["reports"] = list(self.reports)
        data["author"] = self.author
        return data


@dataclass(frozen=True)
class Chunk:
    """A span of an article's cleaned text: `article.text[char_start:char_end] == text`."""

    article_id: str
    ordinal: int
    text: str
    char_start: int
    char_end: int
    token_count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Skipped:
    """A file (or record) that was not indexed, and why."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}
