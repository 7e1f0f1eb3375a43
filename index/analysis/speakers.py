"""Who speaks each quotation: the content stage joined to the sentences' own claimants.

A quotation's speaker is, in order:
1. the claimant of a sentence that overlaps the quotation and carries its own cue outside
   the quote marks ('"...," she added.'), the one holding the quotation's end first;
2. the claimant of the sentence just before it, when that sentence introduces it
   ("Zakharova said:" / "..., he said,");
3. the speaker of the previous quotation, when it is in the same or the previous paragraph
   ('"We are not there yet," Powell said. "But we are getting closer."', or a speech quoted
   over several paragraphs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from news_rag.index.analysis.quotes import QuoteRegion

ClaimT = TypeVar("ClaimT")
_INTRODUCER_ENDINGS = (":", ",")
# How many paragraphs a quoted speech may run on from its last attributed paragraph.
MAX_QUOTE_CHAIN = 4


def quotation_speakers(
    text: str,
    regions: Sequence[QuoteRegion],
    spans: Sequence[tuple[int, int]],
    claims: Sequence[ClaimT | None],
) -> dict[QuoteRegion, ClaimT | None]:
    """Each quotation's speaker (None when nobody is named for it)."""
    speakers: dict[QuoteRegion, ClaimT | None] = {}
    chain = 0
    for index, region in enumerate(regions):
        speaker = _overlapping(region, spans, claims) or _introducer(text, region, spans, claims)
        if speaker is None and index > 0:
            previous = regions[index - 1]
            follows = region.paragraph - previous.paragraph in {0, 1}
            if follows and chain < MAX_QUOTE_CHAIN:
                speaker = speakers.get(previous)
                chain += 1
        else:
            chain = 0
        speakers[region] = speaker
    return speakers


def _overlapping(
    region: QuoteRegion, spans: Sequence[tuple[int, int]], claims: Sequence[ClaimT | None]
) -> ClaimT | None:
    found: list[tuple[bool, ClaimT]] = []
    for (start, end), claim in zip(spans, claims, strict=True):
        if claim is not None and start < region.end and end > region.start:
            found.append((not (start < region.end <= end), claim))
    found.sort(key=lambda pair: pair[0])
    return found[0][1] if found else None


def _introducer(
    text: str,
    region: QuoteRegion,
    spans: Sequence[tuple[int, int]],
    claims: Sequence[ClaimT | None],
) -> ClaimT | None:
    before = [i for i, (_, end) in enumerate(spans) if end <= region.start]
    if not before:
        return None
    last = before[-1]
    start, end = spans[last]
    if text[start:end].rstrip().endswith(_INTRODUCER_ENDINGS):
        return claims[last]
    return None
