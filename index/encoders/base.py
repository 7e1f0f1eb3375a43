"""The `Encoder` interface and the shared batching and pooling of every variant.

A variant only supplies the forward pass (`_hidden`: token ids -> last hidden state);
tokenization, length-sorted batching, mean pooling and span pooling are common, so all
variants pool identically and differ only in the arithmetic of the transformer.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np
from news_rag.index.encoders.minilm import (
    MODEL_DIMENSION,
    MODEL_MAX_TOKENS,
    MODEL_NAME,
    Embedder,
    ProgressFn,
)
from news_rag.index.encoders.packing import PACKED_PASS_TOKENS
from news_rag.index.encoders.pooling import (
    Span,
    check_spans,
    mean_pool_weighted,
    normalize,
    span_positions,
)

if TYPE_CHECKING:
    import numpy.typing as npt
    from news_rag.index.encoders.wordpiece import WordPieceTokenizer
    from tokenizers import Encoding

# Texts per forward pass. 32 keeps padding small once texts are sorted by length, and the
# activations of a 256-token batch well under 100 MB.
DEFAULT_BATCH_SIZE = 32


class Encoder(Embedder, Protocol):
    """An `Embedder` that also pools character spans of its texts, from one forward pass.

    `name` is the model, `variant` the arithmetic (torch-fp32, torch-bf16, onnx-fp32,
    onnx-int8) and `weights_sha256` the hash of the file the variant runs, so two encoders
    with equal (name, weights_sha256) give the same vectors.
    """

    variant: str

    def encode_weighted(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]: ...

    def encode_with_spans(
        self,
        texts: Sequence[str],
        spans_per_text: Sequence[Sequence[Span]],
        *,
        progress: ProgressFn | None = None,
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]: ...


def _padded(encodings: Sequence[Encoding]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros((len(encodings), width), dtype=np.int64)
    for row, encoding in enumerate(encodings):
        ids[row, : len(encoding.ids)] = encoding.ids
        mask[row, : len(encoding.ids)] = 1
    return ids, mask


class PooledEncoder(ABC):
    """all-MiniLM-L6-v2 with mean pooling; subclasses run the transformer."""

    name = MODEL_NAME
    dimension = MODEL_DIMENSION
    max_tokens = MODEL_MAX_TOKENS

    def __init__(
        self,
        tokenizer: WordPieceTokenizer,
        *,
        variant: str,
        weights_sha256: str,
        batch_size: int = DEFAULT_BATCH_SIZE,
        pass_tokens: int | None = None,
    ) -> None:
        self.variant = variant
        self.weights_sha256 = weights_sha256
        self._tokenizer = tokenizer
        self._batch_size = batch_size
        self._pass_tokens = pass_tokens or PACKED_PASS_TOKENS  # word pieces a packed pass
        # Spans that the text's window did not hold, encoded on their own (see encode_with_spans).
        self.spans_encoded_separately = 0

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.variant} {self.weights_sha256[:12]}>"

    @abstractmethod
    def _hidden(
        self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float32]:
        """[batch, seq] token ids and attention mask -> [batch, seq, dim] last hidden state."""

    def _hidden_packed(
        self,
        ids: npt.NDArray[np.int64],
        segments: npt.NDArray[np.int64],
        positions: npt.NDArray[np.int64],
    ) -> npt.NDArray[np.float32]:
        """The last hidden state of packed rows (`packing.py`): `segments` numbers each
        row's texts from 1 (0: padding), `positions` restart at 0 for each text."""
        raise NotImplementedError(f"{self.variant} cannot run packed rows")

    def encode_packed(
        self, texts: Sequence[str]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], int]:
        """What `encode_weighted` returns, from texts packed several to a sequence
        (`packing.encode_packed`), and the number of sequences run."""
        from news_rag.index.encoders.packing import encode_packed

        encodings = self._tokenizer.encode_batch(texts)
        return encode_packed(
            encodings, self._hidden_packed, self.dimension, pass_tokens=self._pass_tokens
        )

    def count_tokens(self, text: str) -> int:
        return self._tokenizer.count_tokens(text)

    def encode(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> npt.NDArray[np.float32]:
        vectors, _ = self._run(texts, None, progress)
        return vectors

    def encode_weighted(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Text vectors (as `encode`) and each text's weight (`pooling.mean_pool_weighted`),
        from which `pooling.compose` makes the vector of several texts read as one."""
        weights = np.zeros(len(texts), dtype=np.float32)
        vectors, _ = self._run(texts, None, progress, weights)
        return vectors, weights

    def encode_with_spans(
        self,
        texts: Sequence[str],
        spans_per_text: Sequence[Sequence[Span]],
        *,
        progress: ProgressFn | None = None,
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Text vectors and span vectors from one forward pass per text.

        `spans_per_text[i]` are (start, end) character offsets into `texts[i]`. Returns
        `([len(texts), dim], [total spans, dim])`, the span rows in the order given (text 0's
        spans, then text 1's, ...). A span the model window does not hold (text longer than
        `max_tokens` word pieces) or that has no word piece (only whitespace) is encoded on
        its own instead; `spans_encoded_separately` counts them.
        """
        if len(spans_per_text) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(spans_per_text)} span lists")
        for text, spans in zip(texts, spans_per_text, strict=True):
            check_spans(text, spans)
        return self._run(texts, spans_per_text, progress)

    def _run(
        self,
        texts: Sequence[str],
        spans_per_text: Sequence[Sequence[Span]] | None,
        progress: ProgressFn | None,
        weights: npt.NDArray[np.float32] | None = None,
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        encodings = self._tokenizer.encode_batch(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        offsets = [0]
        for spans in spans_per_text or []:
            offsets.append(offsets[-1] + len(spans))
        span_out = np.zeros((offsets[-1], self.dimension), dtype=np.float32)
        missing: list[tuple[int, str]] = []
        # Sorting by length keeps padding (and so wasted compute) small within a batch.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        done = 0
        for first in range(0, len(order), self._batch_size):
            batch = order[first : first + self._batch_size]
            ids, mask = _padded([encodings[i] for i in batch])
            hidden = self._hidden(ids, mask)
            out[batch], batch_weights = mean_pool_weighted(hidden, mask)
            if weights is not None:
                weights[batch] = batch_weights
            if spans_per_text is not None:
                for row, i in enumerate(batch):
                    truncated = len(encodings[i].overflowing) > 0
                    for k, span in enumerate(spans_per_text[i]):
                        positions = span_positions(encodings[i], span, truncated)
                        if positions is None:
                            missing.append((offsets[i] + k, texts[i][span[0] : span[1]]))
                        else:
                            span_out[offsets[i] + k] = hidden[row, positions].mean(axis=0)
            done += len(batch)
            if progress is not None:
                progress(done, len(texts))
        span_out = normalize(span_out)
        if missing:
            self.spans_encoded_separately += len(missing)
            span_out[[row for row, _ in missing]] = self.encode([text for _, text in missing])
        return out, span_out
