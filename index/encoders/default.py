"""The encoder that builds an index when none is named: onnx-fp32, else torch fp32.

`rag index` without `--encoder` and `run_index(embedder=None)` embed with:
1. the variant named by $RAG_ENCODER (the CLI reads it as `--encoder`);
2. else, for an index built by int8 or bf16, that variant (their vectors mix with no other);
3. else (a new index, or one built by torch-fp32, onnx-fp32 or before variants existed)
   onnx-fp32: the same fp32 vectors as sentence-transformers at about twice its speed on
   2 cores (eval/RESULTS.md "Encoder variants"), exported once from the bundled weights.

The encoder loads on first use (`LazyIndexEncoder`): a bad input fails at once and a run
with nothing to embed loads no model. When the onnx-fp32 export cannot be made or verified
(torch.onnx fails, a tampered or unreadable cache), indexing does not fail: it embeds with
the torch-fp32 encoder (the transformer sentence-transformers runs: the same arithmetic,
encoders/family.py) and says so in one notice. A variant asked for by name is never
replaced: its failure is the one-line error.

After a run that extends an index built by the other fp32 variant, the manifest records the
variant of the run that wrote the generation (`model.variant`, `model.weights_sha256`), as
after any run; every vector in it is fp32 either way, and queries of both go through onnx-fp32
(encoders/query.py).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, cast

from news_rag.index.encoders import (
    DEFAULT_VARIANT,
    VARIANT_ENV,
    PooledEncoder,
    resolve_variant,
)
from news_rag.index.encoders.family import FP32_VARIANTS
from news_rag.index.encoders.minilm import MODEL_DIMENSION, MODEL_MAX_TOKENS, MODEL_NAME, ProgressFn
from news_rag.index.encoders.query import built_variant, manifest_model

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import Embedder
    from news_rag.index.encoders.pooling import Span

# When the onnx-fp32 export cannot be made or verified: the same fp32 arithmetic in torch
# (what sentence-transformers runs, and it pools sentence spans for --sentence-vectors pooled).
FALLBACK_VARIANT = "torch-fp32"


def default_variant(built: str | None) -> str:
    """What embeds into an index `built` by a variant (None: new) when none is named."""
    return built if built is not None and built not in FP32_VARIANTS else DEFAULT_VARIANT


def default_index_embedder(
    index_dir: Path,
    notices: list[str],
    *,
    announce: Callable[[str], None] | None = None,
) -> Embedder:
    """The embedder of `run_index(embedder=None)` (see the module docstring), loaded on first
    use. A fallback to torch appends its one-line notice to `notices` then; `announce` is told
    before an export starts."""
    named = os.environ.get(VARIANT_ENV) or None
    variant = resolve_variant(named) if named else default_variant(_built(index_dir))
    lazy = LazyIndexEncoder(variant, fallback=named is None, notices=notices, announce=announce)
    return cast("Embedder", lazy)  # its read-only properties stand in for the attributes


def _built(index_dir: Path) -> str | None:
    return built_variant(manifest_model(index_dir))


def load_index_encoder(
    variant: str,
    *,
    fallback: bool,
    notices: list[str],
    announce: Callable[[str], None] | None = None,
) -> PooledEncoder:
    """`variant` for bulk indexing (every core). With `fallback`, an onnx-fp32 export that
    cannot be made or verified gives the torch-fp32 encoder and a notice instead."""
    from news_rag.index.encoders import load_encoder
    from news_rag.index.encoders.cache import is_exported, model_path

    path = model_path(variant) if variant.startswith("onnx-") else None
    if path is not None and announce is not None and not is_exported(path):
        announce(f"exporting the {variant} encoder (one time): {path}")
    if not (fallback and variant == DEFAULT_VARIANT):
        return load_encoder(variant)  # threads=None: every core
    try:
        return load_encoder(variant)
    except Exception as exc:  # torch.onnx, ONNX Runtime or the cache: any failure falls back
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        notices.append(
            f"{path}: could not make or verify the {variant} encoder ({first}); indexing "
            f"with {FALLBACK_VARIANT} (the same vectors, about half the speed)"
        )
        return load_encoder(FALLBACK_VARIANT)


class LazyIndexEncoder:
    """An index encoder that loads (and, the first time, exports) on first use, so that a
    run with nothing to embed, or a bad input, costs no model load. Once loaded, `variant`
    and `weights_sha256` are those of the encoder that runs (a fallback's, if it fell back):
    what the manifest records and `check_model` compares."""

    name = MODEL_NAME
    dimension = MODEL_DIMENSION
    max_tokens = MODEL_MAX_TOKENS

    def __init__(
        self,
        variant: str,
        *,
        fallback: bool,
        notices: list[str],
        announce: Callable[[str], None] | None = None,
    ) -> None:
        self.requested = variant
        self._fallback = fallback
        self._notices = notices
        self._announce = announce
        self._encoder: PooledEncoder | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<LazyIndexEncoder {self.requested} {self._encoder!r}>"

    def loaded(self) -> PooledEncoder:
        with self._lock:
            if self._encoder is None:
                self._encoder = load_index_encoder(
                    self.requested,
                    fallback=self._fallback,
                    notices=self._notices,
                    announce=self._announce,
                )
            return self._encoder

    @property
    def variant(self) -> str:
        return self.loaded().variant

    @property
    def weights_sha256(self) -> str:
        return self.loaded().weights_sha256

    @property
    def spans_encoded_separately(self) -> int:
        return self._encoder.spans_encoded_separately if self._encoder is not None else 0

    def count_tokens(self, text: str) -> int:
        return self.loaded().count_tokens(text)

    def encode(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> npt.NDArray[np.float32]:
        return self.loaded().encode(texts, progress=progress)

    def encode_with_spans(
        self,
        texts: Sequence[str],
        spans_per_text: Sequence[Sequence[Span]],
        *,
        progress: ProgressFn | None = None,
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        return self.loaded().encode_with_spans(texts, spans_per_text, progress=progress)

    def encode_weighted(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        return self.loaded().encode_weighted(texts, progress=progress)

    def encode_packed(
        self, texts: Sequence[str]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], int]:
        return self.loaded().encode_packed(texts)
