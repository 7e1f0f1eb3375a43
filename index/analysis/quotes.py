"""Content stage: where the article quotes someone, as character regions of its text.

A region runs from an opening quotation mark to its closing mark, quote marks included.
Straight quotes (") alternate: open, then close; curly quotes say which they are, and a
closing one with nothing open closes a quotation carried over from an earlier paragraph.
A quotation left open at a paragraph's end closes there (news style reopens it in the next
paragraph). Paragraphs end at a blank line
or at a line break followed by indentation (wire text).
"""

from __future__ import annotations

from dataclasses import dataclass

_OPEN_MARKS = "“«"
_CLOSE_MARKS = "”»"


@dataclass(frozen=True)
class QuoteRegion:
    start: int
    end: int
    paragraph: int  # index of the paragraph that holds it


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs start: the first line, and a line after a blank line or an
    indented line (wire text indents its paragraphs)."""
    starts: list[int] = []
    after_blank = True
    offset = 0
    for line in text.splitlines(keepends=True):
        content = line.strip()
        if not content:
            after_blank = True
        elif after_blank or line[:1] in " \t":
            starts.append(offset + len(line) - len(line.lstrip()))
            after_blank = False
        offset += len(line)
    return starts or [0]


def quote_regions(text: str) -> list[QuoteRegion]:
    """Every quotation of the article, in order."""
    starts = paragraph_starts(text)
    starts[0] = 0
    bounds = [*starts[1:], len(text)]
    regions: list[QuoteRegion] = []
    for number, (p_start, p_end) in enumerate(zip(starts, bounds, strict=True)):
        opened: int | None = None
        for index in range(p_start, p_end):
            char = text[index]
            if char == '"':
                is_opening = opened is None
            elif char in _OPEN_MARKS or char in _CLOSE_MARKS:
                is_opening = char in _OPEN_MARKS
            else:
                continue
            if is_opening and opened is None:
                opened = index
            elif not is_opening:
                regions.append(
                    QuoteRegion(p_start if opened is None else opened, index + 1, number)
                )
                opened = None
        if opened is not None:
            end = p_end
            while end > opened and text[end - 1].isspace():
                end -= 1
            regions.append(QuoteRegion(opened, end, number))
    return regions


def quote_mask(length: int, regions: list[QuoteRegion]) -> bytearray:
    """One byte per character of the text: 1 where it is quoted."""
    mask = bytearray(length)
    for region in regions:
        mask[region.start : region.end] = b"\x01" * (region.end - region.start)
    return mask


def quoted_share(text: str, mask: bytearray, start: int, end: int) -> float:
    """Share of the non-space characters of `text[start:end]` that are quoted."""
    visible = [i for i in range(start, end) if not text[i].isspace()]
    if not visible:
        return 0.0
    return sum(mask[i] for i in visible) / len(visible)


def main_region(regions: list[QuoteRegion], start: int, end: int) -> QuoteRegion | None:
    """The region that overlaps `[start, end)` the most."""
    best: tuple[int, QuoteRegion | None] = (0, None)
    for region in regions:
        overlap = min(end, region.end) - max(start, region.start)
        if overlap > best[0]:
            best = (overlap, region)
    return best[1]
