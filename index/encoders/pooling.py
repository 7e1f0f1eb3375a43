"""Mean pooling in numpy: whole texts, and character spans inside a text.

A text vector is the mean of the last hidden state over every token the attention mask
keeps ([CLS], the word pieces and [SEP]), L2-normalized: sentence-transformers' Pooling +
Normalize modules of all-MiniLM-L6-v2.

A span vector is pooled over the word pieces whose character offsets overlap the span.
A span that holds every word piece of the text is pooled like the text (with [CLS] and
[SEP]), so it gives exactly the text vector.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt
    from tokenizers import Encoding

# Also pool the text's [CLS]/[SEP] into every span (as a separate encoding of the span
# would). Off by measurement (`rag benchmark encoders`, eval/RESULTS.md): on 100 Reuters
# paragraphs (319 sentences) the markers lowered the mean cosine of span vectors to the
# separately embedded sentences from 0.810 to 0.798 and self-retrieval from 0.643 to 0.586;
# the text-wide [CLS]/[SEP] pull every sentence towards the whole text.
SPAN_POOL_WITH_MARKERS = False

Span = tuple[int, int]


def normalize(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def mean_pool_weighted(
    hidden: npt.NDArray[np.float32], mask: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """[batch, seq, dim] hidden states and [batch, seq] mask -> the [batch, dim] unit
    vectors, and each text's [batch] weight, the norm of its summed token states: a text's
    unit vector times its weight is that sum, so the vector of several texts read as one
    (the mean over all their tokens) is the normalized sum of their weighted unit vectors
    (`compose`)."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    counts = np.maximum(weights.sum(axis=1), 1e-9)
    return normalize(summed / counts), np.linalg.norm(summed, axis=-1).astype(np.float32)


def compose(
    vectors: npt.NDArray[np.float32], weights: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """The unit mean over every token of the texts whose unit `vectors` and `weights`
    (`mean_pool_weighted`) are given: [n, dim], [n] -> [dim]."""
    return normalize((vectors * weights[:, None]).sum(axis=0, keepdims=True))[0]


def covered_until(encoding: Encoding) -> int:
    """Character offset up to which the (possibly truncated) encoding holds the text."""
    ends = [
        end
        for (_, end), special in zip(encoding.offsets, encoding.special_tokens_mask, strict=True)
        if not special
    ]
    return max(ends, default=0)


def span_positions(encoding: Encoding, span: Span, truncated: bool) -> list[int] | None:
    """Token positions to pool for `span`, or None when the window does not hold it."""
    start, end = span
    pieces = zip(encoding.offsets, encoding.special_tokens_mask, strict=True)
    flags = [(not special and s < end and e > start, special) for (s, e), special in pieces]
    words = [i for i, (inside, _) in enumerate(flags) if inside]
    if not words or (truncated and end > covered_until(encoding)):
        return None
    every_word = len(words) == sum(1 for _, special in flags if not special)
    if SPAN_POOL_WITH_MARKERS or (every_word and not truncated):
        # A span holding every word piece of the text is the text: pool it identically.
        return [i for i, (inside, special) in enumerate(flags) if inside or special]
    return words


def check_spans(text: str, spans: Sequence[Span]) -> None:
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span ({start}, {end}) is not inside a text of {len(text)} chars")
