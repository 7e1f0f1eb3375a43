"""Test doubles of the write path: a deterministic embedder that loads no model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import ProgressFn


class FakeEmbedder:
    """Deterministic hashed bag-of-words vectors. For fast unit tests only."""

    name = "fake-hash-embedder"
    variant = "fake"
    weights_sha256 = "0" * 64
    dimension = 64
    max_tokens = 256

    def __init__(self) -> None:
        self.calls = 0
        self.texts_embedded = 0

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def encode(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> npt.NDArray[np.float32]:
        self.calls += 1
        self.texts_embedded += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                digest = hashlib.blake2b(word.strip(".,;:!?\"'()").encode(), digest_size=4)
                out[row, int.from_bytes(digest.digest(), "little") % self.dimension] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm > 0:
                out[row] /= norm
        if progress is not None:
            progress(len(texts), len(texts))
        return out
