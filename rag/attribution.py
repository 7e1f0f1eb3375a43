"""Who makes the claim in a sentence: the claimant named in the article, or the article itself.

`find_claimant` looks, in order, for an attribution cue in the sentence itself ("According to
X, ...", "X claimed that ...", "..., according to X."), then, when the sentence is quoted
speech, for the speaker of that quotation (a speech tag after it, an introducer before it such
as "X said:", or the quotation chain of the preceding paragraphs). Pronouns (he/she/they) are
resolved to the last named speaker in the preceding sentences. With no cue the article's own
author or outlet (`fallback`) is the claimant and `explicit` is False.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from news_rag.index.sentences import split_sentences
from news_rag.rag.claim_patterns import (
    PRONOUNS,
    QUOTE_MASK,
    CueMatch,
    blank_markup,
    find_cues,
    normalize_claimant,
    titled_people,
)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_CONTEXT_CHARS = 6000  # how far back paragraphs are read for quotations and pronouns
_QUOTE_CHAIN_PARAGRAPHS = 4
_PRONOUN_SENTENCES = 8
_INTRODUCER_END = re.compile(r"(?:[:,]|\bthat|\b(?:said|says|stated|added|saying|wrote))\W*$")
_OPENING_CONTEXT = " ([{—–-:"
_TAG_REACH = 40  # a speech tag's verb starts this close after the closing quote


@dataclass(frozen=True)
class Claim:
    """Who makes the claim in one sentence."""

    claimant: str  # who makes the claim, e.g. "pro-HTS sources"
    explicit: bool  # True when the article names a claimant; False = the article's author/outlet
    cue: str | None = None  # the words that signal it: "according to", "claimed", "said", ...
    hedged_in_text: bool = False  # the sentence itself already carries the attribution


def render_hedged(quote: str, claim: Claim) -> str:
    """The quote with its hedge kept, never a claimed fact as bare fact."""
    if claim.hedged_in_text:
        return quote
    return f"According to {claim.claimant}, “{quote}”"


def _quote_regions(paragraph: str) -> list[tuple[int, int]]:
    """Spans of double-quoted speech in a paragraph, quote marks included.

    A quotation left open runs to the end of the paragraph; a closing mark with nothing open
    closes a quotation carried over from the previous paragraph.
    """
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for index, char in enumerate(paragraph):
        if char == '"':
            before = paragraph[index - 1] if index else " "
            is_opening = before.isspace() or before in _OPENING_CONTEXT
        elif char in "“”":
            is_opening = char == "“"
        else:
            continue
        if is_opening and opened is None:
            opened = index
        elif not is_opening:
            regions.append((0 if opened is None else opened, index + 1))
            opened = None
    if opened is not None:
        regions.append((opened, len(paragraph)))
    return regions


@dataclass(frozen=True)
class _Paragraph:
    start: int
    end: int
    masked: str  # markup blanked, quoted speech replaced by QUOTE_MASK
    quotes: tuple[tuple[int, int], ...]  # absolute offsets

    def masked_slice(self, start: int, end: int) -> str:
        return self.masked[start - self.start : end - self.start]


def _paragraph(text: str, start: int, end: int) -> _Paragraph:
    plain = blank_markup(text[start:end])
    regions = _quote_regions(plain)
    chars = list(plain)
    for q_start, q_end in regions:
        chars[q_start:q_end] = QUOTE_MASK * (q_end - q_start)
    quotes = tuple((start + s, start + e) for s, e in regions)
    return _Paragraph(start, end, "".join(chars), quotes)


def _paragraphs_up_to(text: str, position: int) -> list[_Paragraph]:
    """The paragraph holding `position` and those before it (within the context window)."""
    window_start = max(0, position - _CONTEXT_CHARS)
    following = _PARAGRAPH_BREAK.search(text, position)
    stop = following.start() if following else len(text)
    bounds: list[tuple[int, int]] = []
    cursor = window_start
    for match in _PARAGRAPH_BREAK.finditer(text, window_start, stop):
        bounds.append((cursor, match.start()))
        cursor = match.end()
    bounds.append((cursor, stop))
    return [_paragraph(text, s, e) for s, e in bounds if text[s:e].strip()]


def _claim_from_cue(cue: CueMatch, text: str, paragraphs: list[_Paragraph], position: int) -> Claim:
    if cue.unnamed:
        return Claim(cue.unnamed, explicit=True, cue=cue.cue, hedged_in_text=True)
    if cue.who.lower() in PRONOUNS | {"him", "her", "them"}:
        speaker = _resolve_pronoun(text, paragraphs, position, cue.who.lower())
        return Claim(speaker, explicit=True, cue=cue.cue, hedged_in_text=False)
    claimant, _ = normalize_claimant(cue.who)
    return Claim(claimant, explicit=True, cue=cue.cue, hedged_in_text=True)


def _resolve_pronoun(text: str, paragraphs: list[_Paragraph], position: int, pronoun: str) -> str:
    """The last named speaker before `position` (a person for he/she)."""
    want_person = pronoun in {"he", "she", "him", "her"}
    checked = 0
    for paragraph in reversed(paragraphs):
        if paragraph.start >= position:
            continue
        spans = split_sentences(text, paragraph.start, min(paragraph.end, position))
        for s_start, s_end in reversed(spans):
            masked = paragraph.masked_slice(s_start, s_end)
            for cue in reversed(find_cues(masked)):
                if cue.unnamed or cue.who.lower() in PRONOUNS:
                    continue
                claimant, is_person = normalize_claimant(cue.who)
                if is_person or not want_person:
                    return claimant
            people = titled_people(masked)
            if people:
                return people[-1]
            checked += 1
            if checked >= _PRONOUN_SENTENCES:
                return "an unidentified speaker"
    return "an unidentified speaker"


def _speaker_of_quote(
    text: str, paragraphs: list[_Paragraph], index: int, region: tuple[int, int], depth: int = 0
) -> Claim | None:
    """Who speaks the quotation `region` of `paragraphs[index]`."""
    paragraph = paragraphs[index]
    after_end = next((s for s, _ in paragraph.quotes if s >= region[1]), paragraph.end)
    after = QUOTE_MASK + paragraph.masked_slice(region[1], after_end)
    tag = re.split(r"(?<=[.!?;])\s", after, maxsplit=1)[0]
    for cue in find_cues(tag):
        if cue.position <= _TAG_REACH and not cue.unnamed:
            return _outside(_claim_from_cue(cue, text, paragraphs, region[1]))
    before = paragraph.masked_slice(paragraph.start, region[0]).rstrip()
    intro_at = paragraph.start
    if not before.strip(QUOTE_MASK + " ") and index > 0:
        previous = paragraphs[index - 1]
        spans = split_sentences(text, previous.start, previous.end)
        if spans:
            intro_at = spans[-1][0]
            before = previous.masked_slice(*spans[-1]).rstrip()
    else:
        before = before.split(QUOTE_MASK)[-1]
    if _INTRODUCER_END.search(before):
        cues = [c for c in find_cues(before) if not c.unnamed]
        if cues:
            return _outside(_claim_from_cue(cues[-1], text, paragraphs, intro_at))
    if depth >= _QUOTE_CHAIN_PARAGRAPHS or index == 0 or not paragraphs[index - 1].quotes:
        return None
    previous_claim = _speaker_of_quote(
        text, paragraphs, index - 1, paragraphs[index - 1].quotes[-1], depth + 1
    )
    return None if previous_claim is None else _outside(previous_claim)


def _outside(claim: Claim) -> Claim:
    """The same claimant, found outside the sentence: the sentence does not carry the hedge."""
    return Claim(claim.claimant, claim.explicit, claim.cue, hedged_in_text=False)


def _quoted_region(paragraph: _Paragraph, start: int, end: int) -> tuple[int, int] | None:
    """The quotation covering most of the sentence, if it covers at least half of it."""
    sentence = paragraph.masked_slice(start, end)
    visible = [i for i, ch in enumerate(sentence) if not ch.isspace()]
    if not visible:
        return None
    quoted = sum(1 for i in visible if sentence[i] == QUOTE_MASK)
    if quoted * 2 < len(visible):
        return None
    overlaps = [(min(end, e) - max(start, s), (s, e)) for s, e in paragraph.quotes]
    best = max(overlaps, default=(0, None))
    return best[1] if best[0] > 0 else None


def find_claimant(text: str, start: int, end: int, *, fallback: str) -> Claim:
    """Who makes the claim in the sentence `text[start:end]` of an article's full text."""
    paragraphs = _paragraphs_up_to(text, start)
    index = next(
        (i for i in range(len(paragraphs) - 1, -1, -1) if paragraphs[i].start <= start),
        None,
    )
    if index is None:
        return Claim(fallback, explicit=False)
    paragraph = paragraphs[index]
    sentence_end = min(end, paragraph.end)
    cues = find_cues(paragraph.masked_slice(start, sentence_end))
    if cues:
        return _claim_from_cue(cues[0], text, paragraphs, start)
    region = _quoted_region(paragraph, start, sentence_end)
    if region is not None:
        claim = _speaker_of_quote(text, paragraphs[: index + 1], index, region)
        if claim is not None:
            return claim
    return Claim(fallback, explicit=False)
