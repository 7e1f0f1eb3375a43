"""Turn a loaded article into clean body text plus metadata.

Header lines become metadata, site boilerplate and templates repeated across the
corpus are dropped, markup remnants are stripped inline, and paragraphs that an
export split mid-sentence are joined again. The article's own wording and
punctuation are kept verbatim: quotes are cited by offsets into the cleaned text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from news_rag.index.boilerplate import (
    BULLET,
    author_bio_heading,
    is_boilerplate,
    normalize_spaces,
    strip_inline_markup,
)
from news_rag.index.metadata import (
    is_header_line,
    merge_metadata,
    read_footer,
    read_header,
)
from news_rag.index.types import Article, RawArticle, Skipped

NEAR_COPY_SHARE = 0.8  # texts sharing this much of their lines are copies, not a template
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
    all_lines = [line for block in blocks for line in block]  # footers are read, then dropped
    metadata = merge_metadata(raw.fields, read_footer(all_lines, header))
    paragraphs = rejoin_paragraphs([_block_text(block) for block in body if block])
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

    Blank lines separate paragraphs; text without any blank line has one paragraph
    per line (JSONL bodies, extractor output).
    """
    raw_lines = normalize_spaces(text).strip().split("\n")
    has_blank = any(not line.strip() for line in raw_lines)
    blocks: list[Block] = []
    current: Block = []
    for raw_line in raw_lines:
        if current and (not has_blank or not raw_line.strip()):
            blocks.append(current)
            current = []
        line = strip_inline_markup(raw_line)
        if line:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


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
    text = ""
    for line in block:
        if not text:
            text = line
        elif BULLET.match(line):
            text = f"{text}\n{line}"
        else:
            text = f"{text} {line}"
    return text


def rejoin_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """Join paragraphs that an export split in the middle of a sentence."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and _continues(joined[-1], paragraph):
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def _continues(previous: str, following: str) -> bool:
    """Whether `following` carries on the sentence that `previous` left open."""
    core = previous.rstrip(_CLOSERS)
    if core.endswith(_SENTENCE_END) or not following or BULLET.match(following):
        return False
    if core != previous:  # ends with a quote or bracket: only a lowercase start continues it
        return following[0].islower()
    if previous.endswith((",", "–", "—", "-")) or following[0].islower():
        return True
    return previous.rsplit(maxsplit=1)[-1].lower() in _JOINING_WORDS
