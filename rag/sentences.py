"""Sentence spans over article text, using pysbd with a few safe repairs.

`split_sentences` returns absolute character offsets so that `text[s:e]` is a verbatim,
whitespace-trimmed sentence. Paragraph breaks (blank lines) always end a sentence; inside a
paragraph pysbd decides, and the result is repaired where pysbd is known to stumble: a title
abbreviation wrapped in markup ("**Gen. Valery ..."), stray punctuation-only fragments ("..")
and a quotation that continues past a sentence end.
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
    before = paragraph[previous[0] : previous[1]]
    piece = paragraph[current[0] : current[1]]
    if not _HAS_WORD_CHARACTER.search(piece):
        return True  # "." or '"' left over by pysbd
    if _TITLE_ABBREVIATION_AT_END.search(before):
        return True  # "Gen." never ends a sentence
    if piece[:1].islower():
        return True
    return _quote_open_at_end(before) and current[1] - previous[0] <= _LONGEST_MERGED_QUOTE


def _repair(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    repaired: list[tuple[int, int]] = []
    for span in spans:
        if repaired and _should_merge(paragraph, repaired[-1], span):
            repaired[-1] = (repaired[-1][0], span[1])
        else:
            repaired.append(span)
    return repaired


@lru_cache(maxsize=4096)
def _paragraph_sentences(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans relative to the paragraph; cached because passages repeat across questions."""
    spans = _align(paragraph, _pysbd_pieces(paragraph))
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
        for rel_start, rel_end in _paragraph_sentences(paragraph):
            s, e = para_start + rel_start, para_start + rel_end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return spans
