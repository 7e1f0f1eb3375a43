"""Article metadata: dates, header and footer lines of the text, and format fields.

Header lines ("By X", "Global Research, November 25, 2017", "Region: ...") and footer
lines ("Articles by: X", "The original source of this article is X") are read here
and become metadata; `index.clean.article` removes them from the body. Missing values stay
None or empty: nothing is guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from news_rag.index.clean.wire import dateline_place

MONTHS = {  # month names and abbreviations ("sept" too) -> 1..12
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number], "sept" * (number == 9))
    if name
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_PATTERNS = [
    re.compile(
        rf"^(?:[A-Za-z]+,?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"
    ),
    re.compile(
        rf"^(?:[A-Za-z]+,?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})$"
    ),
    re.compile(r"^(?P<year>\d{4})[-/.](?P<num_month>\d{1,2})[-/.](?P<day>\d{1,2})$"),
]
_ISO_PREFIX = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_TERMINAL = (".", "!", "?", ":", ";", ",")
_NAME_PARTICLE = re.compile(r"^(?:de|van|von|der|al|bin|la|le|da|del|du|and|&)$", re.I)
_SMALL_WORDS = {"and", "of", "the", "a", "an", "in", "on", "for", "to", "&", "or", "de"}
_BY_LINE = re.compile(r"^By:?\s+(?P<names>.+?)\s*$")
_DATELINE = re.compile(r"^(?P<outlet>[A-Z][^,]{1,60}),\s*(?P<date>.+?)\s*$")
_SOURCE_LINE = re.compile(
    r"^(?P<name>[A-Z][^,]{0,60}?)\s+(?P<date>\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$"
)
_LABEL_GROUPS = (
    ("region", "region"),
    ("themes", "theme|themes|tags|topics"),
    ("reports", "in-depth report"),
    ("published", "published|published on|posted on|date"),
    ("authors", "author|authors"),
    ("outlet", "outlet|publisher"),
    ("url", "url"),
)
_LABELS = {label: key for key, labels in _LABEL_GROUPS for label in labels.split("|")}
_CONTINUED_LABELS = frozenset({"region", "themes", "reports"})
_LABEL_LINE = re.compile(rf"^(?P<label>{'|'.join(_LABELS)}):\s*(?P<value>\S.*?)\s*$", re.I)
_URL = re.compile(r"^https?://\S+$")
_URL_LINE = re.compile(r"^Url of this article:\s*(?P<url>https?://\S+)?\s*$", re.I)
_ARTICLES_BY = re.compile(r"^Articles by:\s*(?P<names>.+?)\s*$", re.I)
_ORIGINAL_SOURCE = re.compile(
    r"^The original source of this article is\s+(?P<source>.+?)\s*(?:Copyright\b.*)?$", re.I
)


def parse_date(value: object) -> str | None:
    """An ISO 'YYYY-MM-DD' for a date in a common format, or None when it is not a date."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    return _parse_date_text(" ".join(value.split())) if isinstance(value, str) else None


def _parse_date_text(text: str) -> str | None:
    if not text:
        return None
    if _ISO_PREFIX.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return _build_date(match.groupdict())
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _build_date(parts: Mapping[str, str | None]) -> str | None:
    month_name = parts.get("month")
    number = parts.get("num_month")
    month = MONTHS.get(month_name.lower()) if month_name else int(number) if number else None
    if month is None:
        return None
    try:
        return date(int(parts["year"] or 0), month, int(parts["day"] or 0)).isoformat()
    except ValueError:
        return None


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    if not 1e8 < seconds < 1e10:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()


def split_names(value: str) -> tuple[str, ...]:
    """Author names from 'A', 'A and B', 'A; B', 'A & B' (commas are kept: 'Smith, John')."""
    value = re.sub(r"^By:?\s+", "", value.strip(), flags=re.I)
    parts = re.split(r"\s*;\s*|\s+and\s+|\s+&\s+", value)
    return tuple(_dedupe(part.strip(" .,") for part in parts if part.strip(" .,")))


def split_tags(value: str) -> tuple[str, ...]:
    """Tags from a comma-separated line: 'Terrorism, US NATO War Agenda'."""
    return tuple(_dedupe(part.strip(" .;") for part in value.split(",") if part.strip(" .;")))


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def same_name(left: str | None, right: str | None) -> bool:
    if not left or not right:
        return False
    return " ".join(left.lower().split()) == " ".join(right.lower().split())


def looks_like_title(line: str) -> bool:
    """A short line that does not end like a sentence or a lead-in."""
    stripped = line.strip()
    if not stripped or len(stripped) > 200 or len(stripped.split()) > 30:
        return False
    if stripped[0].islower() or stripped.endswith((".", ",", ":", ";")):
        return False
    return not is_header_line(stripped)


def _looks_like_names(names: str) -> bool:
    words = names.replace(",", " ").split()
    if not words or len(words) > 12 or names.endswith((".", ":", "?", "!")):
        return False
    return all(word[0].isupper() or _NAME_PARTICLE.match(word) for word in words)


def _looks_like_continuation(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 6 or line.endswith(_TERMINAL):
        return False
    return all(word[0].isupper() or word.lower() in _SMALL_WORDS for word in words)


@dataclass(frozen=True)
class TextMetadata:
    """What the article's own header and footer lines say about it."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    source_name: str | None = None  # "South Front" in a "South Front 24 November 2017" line
    source_published: str | None = None
    region: str | None = None
    themes: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    url: str | None = None
    footer_authors: tuple[str, ...] = ()
    footer_original_source: str | None = None
    dateline: str | None = None  # the place of a wire dateline opening the body ("HOUSTON")


def is_header_line(line: str) -> bool:
    return _header_kind(line) is not None


def _header_kind(line: str) -> str | None:
    if _LABEL_LINE.match(line):
        return "label"
    by = _BY_LINE.match(line)
    if by and _looks_like_names(by["names"]):
        return "by"
    dateline = _DATELINE.match(line)
    if dateline and parse_date(dateline["date"]):
        return "dateline"
    source = _SOURCE_LINE.match(line)
    if source and parse_date(source["date"]) and _looks_like_names(source["name"]):
        return "source"
    if parse_date(line):
        return "date"
    return None


def read_header(
    blocks: Sequence[Sequence[str]], *, known_title: str | None = None
) -> tuple[TextMetadata, list[list[str]]]:
    """Read the title and header lines at the top; return them and the remaining blocks.

    `blocks` are paragraphs (lists of lines, inline markup already removed). A
    `known_title` (from the format's own fields) is dropped from the body when the
    text repeats it, and the first-line title guess is not made.
    """
    lines = [(number, line) for number, block in enumerate(blocks) for line in block]
    metadata, used = _read_header_lines(lines, known_title, guess_title=True)
    if used == len(lines) and metadata.title and known_title is None:
        # A lone title-like line with nothing after it is the text, not a title.
        metadata, used = _read_header_lines(lines, known_title, guess_title=False)
    if used == len(lines):
        return metadata, []
    block_number = lines[used][0]
    first_used = sum(1 for number, _ in lines[:used] if number == block_number)
    rest = [list(blocks[block_number][first_used:]), *(list(b) for b in blocks[block_number + 1 :])]
    return metadata, rest


def _read_header_lines(
    lines: Sequence[tuple[int, str]], known_title: str | None, *, guess_title: bool
) -> tuple[TextMetadata, int]:
    values: dict[str, Any] = {}
    used = 0
    if lines and (guess_title or known_title) and _is_title(lines, known_title):
        values["title"] = known_title or lines[0][1]
        used = 1
    last_label: str | None = None
    while used < len(lines):
        line = lines[used][1]
        kind = _header_kind(line)
        if kind is None:
            if last_label is None or not _looks_like_continuation(line):
                break
            values[last_label] = f"{values[last_label]} {line}"
        else:
            last_label = _read_header_line(line, kind, values)
        used += 1
    return _to_metadata(values), used


def _is_title(lines: Sequence[tuple[int, str]], known_title: str | None) -> bool:
    """The first line is the title: the known one, or a title-like line standing alone."""
    first = lines[0][1]
    if known_title is not None:
        return same_name(first, known_title)
    alone = len(lines) == 1 or lines[1][0] != lines[0][0] or is_header_line(lines[1][1])
    return alone and looks_like_title(first)


def _read_header_line(line: str, kind: str, values: dict[str, Any]) -> str | None:
    """Store one header line's values; return the label key when a next line can continue it."""
    if kind == "label":
        match = _LABEL_LINE.match(line)
        assert match is not None
        key = _LABELS[" ".join(match["label"].lower().split())]
        values.setdefault(key, match["value"])
        return key if key in _CONTINUED_LABELS else None
    if kind == "by":
        values.setdefault("authors", line)
    elif kind == "dateline":
        match = _DATELINE.match(line)
        assert match is not None
        values.setdefault("outlet", match["outlet"].strip())
        values.setdefault("published", match["date"])
    elif kind == "source":
        match = _SOURCE_LINE.match(line)
        assert match is not None
        values.setdefault("source_name", match["name"].strip())
        values.setdefault("source_published", parse_date(match["date"]))
    elif kind == "date":
        values.setdefault("published", line)
    return None


def _to_metadata(values: Mapping[str, Any]) -> TextMetadata:
    return TextMetadata(
        title=values.get("title"),
        authors=split_names(values.get("authors", "")),
        outlet=values.get("outlet") or None,
        published=parse_date(values.get("published")),
        source_name=values.get("source_name"),
        source_published=values.get("source_published"),
        region=(values.get("region") or "").strip(" .") or None,
        themes=split_tags(values.get("themes", "")),
        reports=split_tags(values.get("reports", "")),
        url=values.get("url") or None,
    )


def read_footer(lines: Sequence[str], header: TextMetadata) -> TextMetadata:
    """Add what footer lines say ('Articles by: X', 'The original source ... is X', URL)."""
    authors: tuple[str, ...] = ()
    original: str | None = None
    url = header.url
    for number, line in enumerate(lines):
        by = _ARTICLES_BY.match(line)
        if by and not authors:
            authors = split_names(by["names"])
        source = _ORIGINAL_SOURCE.match(line)
        if source and original is None:
            original = source["source"].strip(" .,")
        link = _URL_LINE.match(line)
        if link and url is None:
            following = lines[number + 1] if number + 1 < len(lines) else ""
            url = link["url"] or (following if _URL.match(following) else None)
    return replace(header, footer_authors=authors, footer_original_source=original, url=url)


def merge_metadata(fields: Mapping[str, Any], text: TextMetadata) -> dict[str, Any]:
    """Article keyword values: the format's own fields first, then what the text says."""
    outlet = fields.get("outlet") or text.outlet
    original = text.footer_original_source or text.source_name
    # Only a source other than a known outlet makes the article a re-post.
    if original and (not outlet or same_name(original, outlet)):
        original = None
    original_published = None
    if original and (text.source_name is None or same_name(text.source_name, original)):
        original_published = text.source_published
    return {
        "title": fields.get("title") or text.title,
        "authors": tuple(fields.get("authors") or ()) or text.authors or text.footer_authors,
        "outlet": outlet,
        "published": fields.get("published") or text.published,
        "original_source": original,
        "original_published": original_published,
        "region": fields.get("region") or text.region,
        "dateline": fields.get("dateline") or text.dateline,
        "themes": tuple(fields.get("themes") or ()) or text.themes,
        "reports": text.reports,
        "url": fields.get("url") or text.url,
    }


_FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "authors": ("authors", "author", "byline", "creator"),
    "published": (
        "date",
        "published",
        "published_at",
        "publish_date",
        "date_published",
        "datePublished",
        "pubDate",
        "publishedAt",
        "published_date",
    ),
    "url": ("url", "link", "canonical_url"),
    "outlet": ("source", "outlet", "publisher", "site_name", "sitename", "source_name"),
    "region": ("region",),
    "dateline": ("dateline", "places", "place"),  # "HOUSTON, Feb 26 -", else places[0]
    "themes": ("themes", "tags", "topics", "categories", "theme"),
}


def map_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON record's metadata under our names; absent or unusable values are left out."""
    fields: dict[str, Any] = {}
    for name, keys in _FIELD_KEYS.items():
        value = next((record[key] for key in keys if record.get(key) not in (None, "", [])), None)
        mapped = _map_value(name, value)
        if mapped:
            fields[name] = mapped
    return fields


def _map_value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "published":
        return parse_date(value)
    if name == "dateline":  # a dateline string, or a list of places: the first
        return dateline_place(_plain(value[0] if isinstance(value, list) else value) or "")
    if name in ("authors", "themes"):
        items = value if isinstance(value, list) else [value]
        names: list[str] = []
        for item in items:
            item_text = _plain(item)
            if item_text:
                names.extend(split_names(item_text) if name == "authors" else split_tags(item_text))
        return _dedupe(names)
    return _plain(value)


def _plain(value: Any) -> str | None:
    """A string value, or the 'name' of an object value ({"name": "Reuters"})."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None
