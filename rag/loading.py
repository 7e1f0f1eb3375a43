"""Which query embedder an index needs, chosen from its manifest (the fast cold start).

The manifest names the model that built the index (`model.name`, `model.weights_sha256`)
and, since the encoder variants exist, the variant (`model.variant`; an older index has
none and was built by sentence-transformers in fp32). A query must embed with the same
arithmetic, so vectors of different encoders never mix:

- an index built by the fp32 MiniLM weights (torch-fp32 or onnx-fp32) is queried through
  the cached, hash-verified onnx-fp32 export on one thread, which never imports torch
  (the two are the same fp32 model: cosine 1.0000, eval/RESULTS.md "Encoder variants");
  without a verified export, through today's torch embedder;
- an index built by another variant (torch-bf16, onnx-int8) is queried by that variant;
- anything else gets the torch embedder, and `check_model` then refuses the index with
  its one-line message, as before.

No export is made here (that imports torch and takes seconds): `rag index` makes it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from news_rag.index.encoders.minilm import (
    MODEL_NAME,
    MODEL_SHA256,
    Embedder,
    ProgressFn,
    default_embedder,
)
from news_rag.index.errors import RagError

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.base import PooledEncoder

# Single queries embed one or two short texts: one thread is fastest and leaves the other
# cores to concurrent requests (issue 10: "Single queries use one").
QUERY_THREADS = 1
# Set to 1 to skip the ONNX query path (compare against torch, or work around a bad export).
TORCH_QUERY_ENV = "RAG_QUERY_TORCH"


class Fp32OnnxEmbedder:
    """The onnx-fp32 export standing in for the fp32 weights it was exported from.

    `weights_sha256` is the source safetensors' hash (the export's sidecar records it and
    `read_verified` checks it), so `check_model` accepts exactly the indexes those weights
    built and still refuses any other model.
    """

    name = MODEL_NAME
    weights_sha256 = MODEL_SHA256

    def __init__(self, encoder: PooledEncoder) -> None:
        self.encoder = encoder
        self.variant = encoder.variant
        self.dimension = encoder.dimension
        self.max_tokens = encoder.max_tokens

    def __repr__(self) -> str:
        return f"<Fp32OnnxEmbedder {self.encoder!r}>"

    def count_tokens(self, text: str) -> int:
        return self.encoder.count_tokens(text)

    def encode(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> npt.NDArray[np.float32]:
        return self.encoder.encode(texts, progress=progress)


def query_embedder(index_dir: Path) -> Embedder:
    """The embedder that queries `index_dir` with the arithmetic that built it (see above)."""
    from news_rag.index.encoders.family import FP32_VARIANTS, LEGACY_VARIANT
    from news_rag.index.encoders.query import manifest_model, query_variant

    model = manifest_model(index_dir)
    variant = query_variant(model)
    if variant is None or model is None:
        return default_embedder()
    if variant == "onnx-fp32" and os.environ.get(TORCH_QUERY_ENV) == "1":
        return default_embedder()
    from news_rag.index.encoders import load_encoder

    try:
        encoder = load_encoder(variant, threads=QUERY_THREADS, export_missing=False)
    except (RagError, ImportError, OSError):
        return default_embedder()  # no verified export: today's torch path
    if encoder.weights_sha256 == model.get("weights_sha256"):
        return encoder  # the very file that built the index
    fp32_built = (model.get("variant") or LEGACY_VARIANT) in FP32_VARIANTS
    if variant == "onnx-fp32" and fp32_built and model.get("weights_sha256") == MODEL_SHA256:
        return Fp32OnnxEmbedder(encoder)
    return default_embedder()
