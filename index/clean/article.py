"""Turn a loaded article into clean body text plus metadata.

Header lines become metadata, site boilerplate and templates repeated across the
corpus are dropped, markup remnants are stripped inline, and paragraphs that an
export split mid-sentence are joined again. The article's own wording and
punctuation are kept verbatim: quotes are cited by offsets into the cleaned text.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from news_rag.index.clean.boilerplate import (
    BULLET,
    author_bio_heading,
    is_boilerplate,
    normalize_spaces,
    strip_inline_markup,
)
from news_rag.index.clean.metadata import (
    is_header_line,
    merge_metadata,
    read_footer,
    read_header,
)
from news_rag.index.clean.wire import plain_company_marks, strip_sign_off, take_dateline
from news_rag.index.types import Article, RawArticle, Skipped

NEAR_COPY_SHARE = 0.8  # texts sharing this much of their lines are copies, not a template
# Hard-wrapped text (wire copy, e-mail, fixed-width exports) breaks its lines at a column of
# 60-80 characters (Reuters-21578: at most 80); text with one paragraph per line (JSONL
# bodies, extractor output) has lines of several hundred. Text whose longest line is at
# most this, over at least WRAP_MIN_LINES lines, is read as wrapped at its longest line,
# if at least WRAP_FULL_SHARE of its lines fill WRAP_FILL of that width (Reuters-21578: 85%
# of lines do; a short-paragraph-per-line text has lines of any length).
WRAP_COLUMN_MAX = 100
WRAP_MIN_LINES = 3
WRAP_FILL = 0.75
WRAP_FULL_SHARE = 0.5
# Wire copy marks a paragraph by indenting its first line. A text follows that convention
# when at least this many indented lines go on in an unindented one (the rest of their
# paragraph; a two-paragraph Reuters story has one). An indented line standing alone
# (sample 001's " trafficking." before a blank line) does not count.
INDENTED_PARAGRAPHS_MIN = 1
NO_TEXT_LEFT = "no article text left after removing boilerplate"
_DIGITS = re.compile(r"\d")
_SENTENCE_END = (".", "!", "?", ":", ";", "…")
_CLOSERS = "\"”’')]"
_JOINING_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "against",
        "between",
        "through",
        "during",
        "after",
        "before",
        "and",
        "or",
        "but",
        "nor",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "whom",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
    ]
)

Block = list[str]


def normalize_line(line: str) -> str:
    """The comparison form of a line: markup stripped, lowercased, spaces collapsed, digits 0."""
    return _DIGITS.sub("0", strip_inline_markup(line).lower())


def find_repeated_lines(
    texts: Sequence[str], *, min_docs: int = 3, min_fraction: float = 0.5
) -> frozenset[str]:
    """Normalized lines found in at least max(min_docs, min_fraction * len(texts)) texts.

    Such lines are site templates of whichever outlet. Copies of one article must not
    turn its sentences into "template": identical texts count once, and a line is kept
    out when the texts sharing it are near-copies (what they share is most of them).
    """
    documents = list({frozenset(_line_set(text)) for text in texts})
    needed = max(min_docs, min_fraction * len(texts))
    postings: dict[str, list[int]] = {}
    for number, lines in enumerate(documents):
        for line in lines:
            postings.setdefault(line, []).append(number)
    copies_cache: dict[tuple[int, ...], bool] = {}
    repeated = set()
    for line, members in postings.items():
        if len(members) < needed:
            continue
        key = tuple(members)
        if key not in copies_cache:
            copies_cache[key] = _are_near_copies([documents[number] for number in members])
        if not copies_cache[key]:
            repeated.add(line)
    return frozenset(repeated)


def _are_near_copies(documents: Sequence[frozenset[str]]) -> bool:
    """True when the lines all these texts share make up most of each text."""
    shared = frozenset.intersection(*documents)
    shared_chars = sum(len(line) for line in shared)
    ratios = [shared_chars / max(1, sum(len(line) for line in doc)) for doc in documents]
    return sum(ratios) / len(ratios) >= NEAR_COPY_SHARE


def _line_set(text: str) -> set[str]:
    lines = (normalize_line(line) for line in normalize_spaces(text).split("\n"))
    return {line for line in lines if len(line) >= 3 and re.search(r"\w", line)}


def clean_article(
    raw: RawArticle, *, article_id: str, repeated_lines: frozenset[str] = frozenset()
) -> Article | Skipped:
    """The cleaned `Article`, or `Skipped` when no article text is left."""
    blocks = split_blocks(raw.text)
    kept = _drop_boilerplate(blocks)
    known_title = raw.fields.get("title") or None
    header, body = read_header(_drop_repeated(kept, repeated_lines), known_title=known_title)
    if not body:  # never let the template filter empty a whole article
        header, body = read_header(kept, known_title=known_title)
    dateline, body = _wire_parts(body)
    all_lines = [line for block in blocks for line in block]  # footers are read, then dropped
    text_metadata = replace(read_footer(all_lines, header), dateline=dateline)
    metadata = merge_metadata(raw.fields, text_metadata)
    if metadata.get("title"):
        metadata["title"] = plain_company_marks(metadata["title"], headline=True)
    paragraphs = rejoin_paragraphs([_block_text(block) for block in body if block])
    paragraphs = [plain_company_marks(paragraph) for paragraph in paragraphs]
    text = "\n\n".join(paragraphs)
    if not text.strip():
        where = raw.source_path if raw.line is None else f"{raw.source_path}:{raw.line}"
        return Skipped(where, NO_TEXT_LEFT)
    return Article(
        id=article_id,
        text=text,
        source_path=raw.source_path,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=raw.format,
        **metadata,
    )


def split_blocks(text: str) -> list[Block]:
    """Paragraphs as lists of markup-free lines.

    Blank lines separate paragraphs, and so do indented lines in text that indents its
    paragraphs (wire copy). Text without either has one paragraph per line (JSONL bodies,
    extractor output), except that a hard-wrapped line runs on into the next one.
    """
    raw_lines = normalize_spaces(text).strip().split("\n")
    layout = _Layout.of(raw_lines)
    blocks: list[Block] = []
    current: Block = []
    previous = ""
    for raw_line in raw_lines:
        if current and layout.starts_block(previous, raw_line):
            blocks.append(current)
            current = []
        line = strip_inline_markup(raw_line)
        if line:
            current.append(line)
        previous = raw_line
    if current:
        blocks.append(current)
    return blocks


@dataclass(frozen=True)
class _Layout:
    """How a text marks its paragraphs: blank lines, indented first lines, or line ends."""

    has_blank: bool
    indented: bool
    wrap_width: int | None  # the column of hard-wrapped text without other paragraph marks

    @classmethod
    def of(cls, lines: Sequence[str]) -> _Layout:
        has_blank = any(not line.strip() for line in lines)
        starts = sum(
            1
            for line, following in itertools.pairwise(lines)
            if _is_indented(line) and following.strip() and not _is_indented(following)
        )
        indented = starts >= INDENTED_PARAGRAPHS_MIN
        widths = [len(line.strip()) for line in lines if line.strip()]
        width = max(widths, default=0)
        wrapped = (
            not has_blank
            and not indented
            and len(widths) >= WRAP_MIN_LINES
            and width <= WRAP_COLUMN_MAX
            and sum(1 for w in widths if w >= WRAP_FILL * width) >= WRAP_FULL_SHARE * len(widths)
        )
        return cls(has_blank, indented, width if wrapped else None)

    def starts_block(self, previous: str, line: str) -> bool:
        """Whether `line` begins a new paragraph after `previous`."""
        if not line.strip():
            return True
        if self.indented:
            return _is_indented(line)
        if self.has_blank:
            return False
        if self.wrap_width is None:
            return True
        return not _runs_on(previous.strip(), line.strip(), self.wrap_width)


def _is_indented(line: str) -> bool:
    return line[:1].isspace() and bool(line.strip())


def _runs_on(previous: str, line: str, width: int) -> bool:
    """Whether hard-wrapped `previous` goes on in `line`: it does not end a sentence (a
    first line shortened by a removed dateline is not full), or it is full (the next word
    would not have fit) and `line` starts in lowercase ("N.H.\nplant"). Header lines and
    list items stand alone."""
    if not previous or is_list_item(previous, line) or is_header_line(previous):
        return False
    if not previous.rstrip(_CLOSERS).endswith(_SENTENCE_END):
        return True
    full = len(previous) + 1 + len(line.split(maxsplit=1)[0]) > width
    return full and line[0].islower()


def _wire_parts(body: list[Block]) -> tuple[str | None, list[Block]]:
    """The dateline's place, and the body without the dateline and the wire sign-off."""
    if not body:
        return None, body
    blocks = [list(block) for block in body]
    place, rest = take_dateline(blocks[0][0])
    if place is not None:
        blocks[0] = [rest, *blocks[0][1:]] if rest else blocks[0][1:]
    blocks[-1] = strip_sign_off(blocks[-1])
    return place, [block for block in blocks if block]


def _drop_boilerplate(blocks: Sequence[Block]) -> list[Block]:
    """Drop furniture lines, and an 'About the author' heading with the bio after it."""
    kept: list[Block] = []
    skip_next_block = False
    for block in blocks:
        if skip_next_block:
            skip_next_block = False
            continue
        lines: Block = []
        for number, line in enumerate(block):
            is_bio, bio_follows = author_bio_heading(line)
            if is_bio:
                skip_next_block = bio_follows and number == len(block) - 1
                break  # the rest of this block is the bio
            if not is_boilerplate(line):
                lines.append(line)
        if lines:
            kept.append(lines)
    return kept


def _drop_repeated(blocks: Sequence[Block], repeated: frozenset[str]) -> list[Block]:
    """Drop template lines found across the corpus; header lines stay to be read as metadata."""
    if not repeated:
        return list(blocks)
    kept = [
        [line for line in block if normalize_line(line) not in repeated or is_header_line(line)]
        for block in blocks
    ]
    return [block for block in kept if block]


def _block_text(block: Block) -> str:
    """One paragraph: wrapped lines joined with spaces, list items on their own lines."""
    parts: list[str] = []
    for previous, line in zip(["", *block], block, strict=False):
        if parts:
            parts.append("\n" if is_list_item(previous, line) else " ")
        parts.append(line)
    return "".join(parts)


def is_list_item(previous: str, line: str) -> bool:
    """Whether `line` is a list item ("- One", "2) Two"). A dash that opens a wrapped line
    in the middle of a sentence and goes on in lowercase ("while gearing\n- debt to equity
    plus debt - rose") only continues it; after a sentence end, a colon or another item,
    or with a capital after the marker (a list under a heading), it is an item."""
    if not BULLET.match(line):
        return False
    core = previous.rstrip().rstrip(_CLOSERS)
    if not core or core.endswith(_SENTENCE_END) or BULLET.match(previous):
        return True
    return not line[1:].lstrip()[:1].islower() or not line.startswith("-")


def rejoin_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """Join paragraphs that an export split in the middle of a sentence."""
    groups: list[list[str]] = []
    for paragraph in paragraphs:
        if groups and _continues(_tail(groups[-1]), paragraph):
            groups[-1].append(paragraph)
        else:
            groups.append([paragraph])
    return [" ".join(group) for group in groups]


def _tail(group: Sequence[str]) -> str:
    """The end of a joined paragraph that `_continues` reads (its last part, linear time)."""
    last = group[-1]
    return last if last.rstrip(_CLOSERS) or len(group) == 1 else " ".join(group)


def _continues(previous: str, following: str) -> bool:
    """Whether `following` carries on the sentence that `previous` left open."""
    core = previous.rstrip(_CLOSERS)
    if core.endswith(_SENTENCE_END) or not following or is_list_item(previous, following):
        return False
    if core != previous:  # ends with a quote or bracket: only a lowercase start continues it
        return following[0].islower()
    if previous.endswith((",", "–", "—", "-")) or following[0].islower():
        return True
    return previous.rsplit(maxsplit=1)[-1].lower() in _JOINING_WORDS
