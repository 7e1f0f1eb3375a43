"""Turn scored chunks into `Passage`s with source labels, collapsing duplicated text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from news_rag.index.dedup import jaccard, shingles, words
from news_rag.index.store.reader import IndexReader
from news_rag.index.types import Article
from news_rag.rag.retrieve import ScoredChunk
from news_rag.rag.types import Passage, SourceLabel

# Shingles of recently retrieved chunk texts: the same chunks come back question after
# question, and hashing their word runs again cost ~3 ms per question.
_cached_shingles = lru_cache(maxsize=4096)(shingles)


def source_label(article: Article) -> SourceLabel:
    return SourceLabel(
        article_id=article.id,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        published=article.published,
        url=article.url,
        source_path=article.source_path,
        original_source=article.original_source,
        original_published=article.original_published,
        dateline=article.dateline,
    )


def _figures(text: str) -> set[str]:
    """The words of a text that hold a digit: its numbers, amounts and dates."""
    return {word for word in words(text) if any(ch.isdigit() for ch in word)}


def same_figures(a: str, b: str) -> bool:
    """Whether two near-identical passages give the same figures: every number of the shorter
    is in the longer. A copy with other numbers is another version of the story (a
    correction, an updated toll) and stays a passage of its own, never folded away."""
    short, long = sorted((a, b), key=len)
    return _figures(short) <= _figures(long)


def build_passages(
    reader: IndexReader, scored: Sequence[ScoredChunk], dedupe_jaccard: float
) -> list[Passage]:
    """Passages in score order; a passage repeating an earlier one's text is folded into it.

    The folded passage's article becomes an extra attribution (`also_in`) of the kept one,
    so syndicated or repeated reports show every source once; a copy whose figures differ
    (`same_figures`) is not folded.
    """
    kept: list[tuple[Passage, set[int], list[SourceLabel]]] = []
    for item in scored:
        record = reader.chunk(item.chunk_id)
        article = reader.article(record.article_id)
        label = source_label(article)
        items = _cached_shingles(record.text)
        twin = next(
            (
                entry
                for entry in kept
                if entry[0].article_id != record.article_id
                and jaccard(entry[1], items) >= dedupe_jaccard
                and same_figures(entry[0].text, record.text)
            ),
            None,
        )
        if twin is not None:
            if all(s.article_id != label.article_id for s in twin[2]):
                twin[2].append(label)
            continue
        passage = Passage(
            article_id=record.article_id,
            chunk_id=record.id,
            text=record.text,
            score=round(item.score, 6),
            char_start=record.char_start,
            char_end=record.char_end,
            source=label,
        )
        kept.append((passage, items, []))
    return [replace(p, also_in=tuple(extra)) if extra else p for p, _, extra in kept]
