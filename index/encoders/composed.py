"""`--sentence-vectors composed`: each sentence through the model once, and each chunk's
vector composed from its sentences' passes, so every token goes through the model once.

A chunk's text is cut at the sentence boundaries inside it into segments (its whole
sentences, and the pieces of sentences at its edges). Each segment is embedded on its own,
so a sentence's vector is exactly its separate vector; the chunk's vector is the mean over
every token of its segments' passes (`pooling.compose`), which differs from a pass over the
whole chunk only in that no token attends across a sentence boundary. The tokens through
the model are those of the chunks (about 1.02x with each segment's [CLS]/[SEP]), against
about 2x for `separate`, which runs every chunk and then every sentence again.

Chunk vectors are keyed by the chunk text's sha256 as in the other modes: an index never
mixes modes (`modes.check_sentence_mode`), and the checkpoint store of a composed run
has its own tag (`batches.embed_all`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol

from news_rag.index.encoders.pooling import compose
from news_rag.index.hashing import text_hash as sha256_text
from news_rag.index.store.database import SentenceSpan
from news_rag.index.types import Article, Chunk

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import Embedder


class Keep(Protocol):
    """Where each embedded batch goes (`batches._Keep`): checkpoint, arrays, progress."""

    def begin(self) -> None: ...

    def __call__(self, keys: list[str], vectors: npt.NDArray[np.float32], done: int) -> None: ...


def segments_of(chunk: Chunk, sentences: Sequence[SentenceSpan]) -> list[str]:
    """`chunk.text` cut at every boundary of `sentences` (its article's) inside it; pieces
    of only whitespace are left out (they hold no word piece)."""
    cuts = {0, len(chunk.text)}
    for span in sentences:
        for offset in (span.start - chunk.char_start, span.end - chunk.char_start):
            if 0 < offset < len(chunk.text):
                cuts.add(offset)
    bounds = sorted(cuts)
    pieces = (chunk.text[a:b] for a, b in pairwise(bounds))
    return [piece for piece in pieces if piece.strip()]


def chunk_segments(
    chunks: Sequence[Chunk], sentences: Sequence[SentenceSpan]
) -> Iterator[list[str]]:
    """`segments_of` each of `chunks`, in order, against its own article's sentences."""
    by_article: dict[str, list[SentenceSpan]] = {}
    for span in sentences:
        by_article.setdefault(span.article_id, []).append(span)
    for chunk in chunks:
        yield segments_of(chunk, by_article.get(chunk.article_id, ()))


def plan_composed(
    chunks: Sequence[Chunk],
    hashes: Sequence[str],
    sentences: Sequence[SentenceSpan],
    articles: dict[str, Article],
    wanted: set[str],
) -> list[tuple[str, list[str]]]:
    """(key, segment texts) of each text whose vector is still `wanted`: every wanted chunk
    with its segments, in the order of `chunks` (an article's chunks side by side, so the
    sentence two neighbours share is embedded once in their batch), then every wanted
    sentence that no such chunk holds as a segment, as a text of one segment."""
    units: dict[str, list[str]] = {}
    covered: set[str] = set()
    for key, pieces in zip(hashes, chunk_segments(chunks, sentences), strict=True):
        if key in wanted and key not in units:
            units[key] = pieces
            covered.update(sha256_text(piece) for piece in pieces)
    for span in sentences:
        key = span.text_hash
        if key in wanted and key not in covered and key not in units:
            units[key] = [articles[span.article_id].text[span.start : span.end]]
    return list(units.items())


def embed_composed(
    units: Sequence[tuple[str, list[str]]], embedder: Embedder, size: int, keep: Keep
) -> tuple[int, int]:
    """Embed the segments of `units` about `size` at a time and give `keep` each unit's
    composed vector and each segment's own vector (a sentence's); returns the segments
    embedded and the sequences the model ran: segments packed several to a sequence
    (`packing.py`) where the embedder can, else one each."""
    import numpy as np

    total, done, embedded, sequences, start = len(units), 0, 0, 0, 0
    keep.begin()
    while start < total:
        batch: list[tuple[str, list[str]]] = []
        pieces = 0
        while start < total and (not batch or pieces + len(units[start][1]) <= size):
            batch.append(units[start])
            pieces += len(units[start][1])
            start += 1
        texts = sorted({piece for _, segments in batch for piece in segments})
        if hasattr(embedder, "encode_packed"):
            vectors, weights, rows = embedder.encode_packed(texts)
        else:
            vectors, weights = embedder.encode_weighted(texts)  # type: ignore[attr-defined]
            rows = len(texts)
        embedded += len(texts)
        sequences += rows
        row = {text: i for i, text in enumerate(texts)}
        rows_of = [[row[piece] for piece in segments] for _, segments in batch]
        composed = np.stack([compose(vectors[rows], weights[rows]) for rows in rows_of])
        keys = [key for key, _ in batch] + [sha256_text(text) for text in texts]
        done += len(batch)
        keep(keys, np.concatenate([composed, vectors]), done)
    return embedded, sequences
