"""A huge article analysed in bounded pieces, so that its cost grows linearly with its size.

Some stages of the analysis look back over the whole article for each sentence (earlier
mentions for a pronoun, every sentence for a quotation's speaker): fine for a news story,
quadratic for a book-sized text on one line. An article longer than `SEGMENT_CHARS` is
therefore analysed as consecutive segments of whole sentences, each as an article of its own
(its text and spans relative to the segment), and the records are shifted back onto the
article. An article within the bound is one segment, the article itself, unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.language.entities import Entity

# Characters of text analysed as one article. Seven times the longest Reuters-21578 story
# (13,387 characters; the sample's articles are shorter), so no news story is ever cut; a
# 1 MB one-line article is about ten segments, each quick for the look-back stages.
SEGMENT_CHARS = 100_000


@dataclass(frozen=True)
class Segment:
    offset: int  # where the segment's text starts in the article's text
    first: int  # the article ordinal of the segment's first sentence
    article: ArticleInput  # the segment as an article: text and spans relative to `offset`


def segments(article: ArticleInput, limit: int | None = None) -> Iterator[Segment]:
    """The article as consecutive segments of at most `limit` (`SEGMENT_CHARS`) characters of
    whole sentences (a single longer sentence is a segment of its own); the article itself
    when it fits."""
    limit = limit or SEGMENT_CHARS
    spans = article.spans
    if len(article.text) <= limit or not spans:
        yield Segment(0, 0, article)
        return
    first = 0
    while first < len(spans):
        start = spans[first][0]
        stop = first + 1
        while stop < len(spans) and spans[stop][1] - start <= limit:
            stop += 1
        end = spans[stop][0] if stop < len(spans) else len(article.text)
        own = tuple((s - start, e - start) for s, e in spans[first:stop])
        yield Segment(start, first, replace(article, text=article.text[start:end], spans=own))
        first = stop


def _shift_span(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)


def _shift_entity(entity: Entity, offset: int) -> Entity:
    if entity.start < 0:  # not in the text (never so for an article's own entities)
        return entity
    return replace(entity, start=entity.start + offset, end=entity.end + offset)


def shifted(record: SentenceAnalysis, segment: Segment) -> SentenceAnalysis:
    """A segment's record as the article's: ordinal and every offset moved back."""
    if segment.offset == 0 and segment.first == 0:
        return record
    offset = segment.offset
    return replace(
        record,
        ordinal=record.ordinal + segment.first,
        start=record.start + offset,
        end=record.end + offset,
        claimant_span=_shift_span(record.claimant_span, offset),
        cue_span=_shift_span(record.cue_span, offset),
        entities=tuple(_shift_entity(e, offset) for e in record.entities),
        described=tuple(_shift_entity(e, offset) for e in record.described),
    )
