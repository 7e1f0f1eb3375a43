"""Sentence spans over article text, using pysbd with a few safe repairs.

`split_sentences` returns absolute character offsets so that `text[s:e]` is a verbatim,
whitespace-trimmed sentence. Paragraph breaks (blank lines) always end a sentence; inside a
paragraph pysbd decides, and the result is repaired where pysbd is known to stumble: a title
abbreviation wrapped in markup ("**Gen. Valery ..."), stray punctuation-only fragments ("..")
and a quotation that continues past a sentence end.

The work is linear in the text's length: pysbd is quadratic in the length of what it is
given, so a long paragraph (a whole article on one line) is cut into windows of at most
`PYSBD_WINDOW_CHARS` before pysbd sees it, and no repair merges a sentence beyond
`LONGEST_SENTENCE_CHARS`.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TITLE_ABBREVIATION_AT_END = re.compile(
    r"(?:^|[\s(\"“*_])(?:Gen|Lt|Col|Maj|Sgt|Capt|Cpt|Adm|Brig|Cmdr|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov"
    r"|Pres|Amb|Rev|St|Jr|Sr|Mt|No|Nos|vs|Vol|Art|Fig)\.[*_\s]*$"
)
_HAS_WORD_CHARACTER = re.compile(r"\w")
_LONGEST_MERGED_QUOTE = 2000  # stop merging an unbalanced quotation beyond this many chars
# pysbd's time grows with the square of its input (one 50 KB line: 1.5 s, 200 KB: 16 s).
# Per 200 KB of text in windows of 1,000 / 2,000 / 4,000 / 8,000 characters it takes 0.52 /
# 0.58 / 0.77 / 1.13 s, so 2,000 is close to the linear floor; 1,000 would start to cut
# real sentences. Normal paragraphs are never cut: the sample's longest is 1,195 characters,
# and a cleaned Reuters-21578 paragraph is one wire paragraph. A window is cut after its last
# sentence end, else at its last whitespace, searched in its second half so that every
# window is at least half full.
PYSBD_WINDOW_CHARS = 2000
# No repair merges sentences into a span longer than this (a window: pysbd's own upper bound).
LONGEST_SENTENCE_CHARS = PYSBD_WINDOW_CHARS
# Paragraphs up to this long are cached (4,096 of them: at most 80 MB); ten pysbd windows,
# far above any news paragraph (the sample's longest is 1,195 characters).
CACHED_PARAGRAPH_CHARS = 10 * PYSBD_WINDOW_CHARS
_TITLE_TAIL_CHARS = 40  # the title abbreviation check reads only this tail of a sentence
_SENTENCE_END_IN_WINDOW = re.compile(r"[.!?…][\"”’')\]]*\s+")
_WHITESPACE = re.compile(r"\s+")

_local = threading.local()


def _segmenter() -> Any:
    """One pysbd Segmenter per thread: pysbd keeps state on the instance."""
    segmenter = getattr(_local, "segmenter", None)
    if segmenter is None:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
        _local.segmenter = segmenter
    return segmenter


def _pysbd_pieces(paragraph: str) -> list[str]:
    try:
        pieces = _segmenter().segment(paragraph)
    except Exception:  # pysbd can raise on odd input; a paragraph is then one sentence
        return [paragraph]
    return [str(p) for p in pieces]


def _align(paragraph: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Map pysbd's pieces back onto `paragraph` by counting non-whitespace characters.

    Counting instead of searching keeps every non-whitespace character in exactly one span
    even if pysbd altered or dropped something; any remainder joins the last span.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    length = len(paragraph)
    for piece in pieces:
        wanted = sum(1 for ch in piece if not ch.isspace())
        if wanted == 0:
            continue
        while position < length and paragraph[position].isspace():
            position += 1
        start = position
        seen = 0
        while position < length and seen < wanted:
            if not paragraph[position].isspace():
                seen += 1
            position += 1
        if position > start:
            spans.append((start, position))
    rest = paragraph[position:]
    if rest.strip():
        tail_end = len(paragraph.rstrip())
        if spans:
            spans[-1] = (spans[-1][0], tail_end)
        else:
            spans.append((position + len(rest) - len(rest.lstrip()), tail_end))
    return spans


def _quote_open_at_end(fragment: str) -> bool:
    """Whether a double quotation opened in `fragment` is still open at its end.

    Straight quotes are read as opening after a space, bracket or dash and as closing otherwise,
    so a quotation closed at the start of a paragraph does not look like one left open.
    """
    depth = 0
    for index, char in enumerate(fragment):
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(depth - 1, 0)
        elif char == '"':
            before = fragment[index - 1] if index else " "
            if before.isspace() or before in "([{—–-:":
                depth += 1
            else:
                depth = max(depth - 1, 0)
    return depth > 0


def _should_merge(paragraph: str, previous: tuple[int, int], current: tuple[int, int]) -> bool:
    merged_length = current[1] - previous[0]
    if merged_length > LONGEST_SENTENCE_CHARS:
        return False  # keeps every repair, and so the whole split, linear in the text
    piece = paragraph[current[0] : current[1]]
    if not _HAS_WORD_CHARACTER.search(piece):
        return True  # "." or '"' left over by pysbd
    tail = paragraph[max(previous[0], previous[1] - _TITLE_TAIL_CHARS) : previous[1]]
    if _TITLE_ABBREVIATION_AT_END.search(tail):
        return True  # "Gen." never ends a sentence
    if piece[:1].islower():
        return True
    if merged_length > _LONGEST_MERGED_QUOTE:
        return False
    return _quote_open_at_end(paragraph[previous[0] : previous[1]])


def _repair(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    repaired: list[tuple[int, int]] = []
    for span in spans:
        if repaired and _should_merge(paragraph, repaired[-1], span):
            repaired[-1] = (repaired[-1][0], span[1])
        else:
            repaired.append(span)
    return repaired


def window_bounds(paragraph: str, size: int | None = None) -> list[tuple[int, int]]:
    """Consecutive (start, end) windows of at most `size` characters covering `paragraph`.

    Each window ends after the last sentence end (punctuation then whitespace) of its second
    half, else after its last whitespace there, else at `size` (a run without any space).
    """
    size = size or PYSBD_WINDOW_CHARS
    bounds: list[tuple[int, int]] = []
    start = 0
    length = len(paragraph)
    while length - start > size:
        limit = start + size
        floor = start + size // 2
        cut = _last_match_end(_SENTENCE_END_IN_WINDOW, paragraph, floor, limit)
        if cut is None:
            cut = _last_match_end(_WHITESPACE, paragraph, floor, limit)
        bounds.append((start, cut or limit))
        start = cut or limit
    bounds.append((start, length))
    return bounds


def _last_match_end(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    last = None
    for match in pattern.finditer(text, start, end):
        last = match.end()
    return last


def _paragraph_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans relative to the paragraph; cached because passages repeat across
    questions, except a huge paragraph (a whole book on one line), which the cache would keep
    alive long after its indexing."""
    if len(paragraph) > CACHED_PARAGRAPH_CHARS:
        return _split_paragraph(paragraph)
    return _paragraph_sentences(paragraph)


@lru_cache(maxsize=4096)
def _paragraph_sentences(paragraph: str) -> tuple[tuple[int, int], ...]:
    return _split_paragraph(paragraph)


def _split_paragraph(paragraph: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for start, end in window_bounds(paragraph):
        window = paragraph[start:end]
        spans.extend((start + s, start + e) for s, e in _align(window, _pysbd_pieces(window)))
    return tuple(_repair(paragraph, spans))


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    cursor = start
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        bounds.append((cursor, match.start()))
        cursor = match.end()
    bounds.append((cursor, end))
    return bounds


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Absolute, trimmed sentence spans covering `text[start:end]`, in order.

    Every non-whitespace character of the range lies in exactly one span.
    """
    stop = len(text) if end is None else min(end, len(text))
    begin = max(start, 0)
    spans: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text, begin, stop):
        paragraph = text[para_start:para_end]
        if not paragraph.strip():
            continue
        for rel_start, rel_end in _paragraph_spans(paragraph):
            s, e = para_start + rel_start, para_start + rel_end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return spans
