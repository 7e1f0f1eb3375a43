"""Encoders: all-MiniLM-L6-v2 as torch fp32/bf16 or ONNX Runtime fp32/int8, chosen by name.

    from news_rag.index.encoders import load_encoder
    encoder = load_encoder("onnx-int8")            # bulk: every core
    query_encoder = load_encoder("onnx-int8", threads=1)
    vectors = encoder.encode(texts)                 # float32 [n, 384], unit length
    chunks, sentences = encoder.encode_with_spans(texts, spans)  # one pass per text

Every variant is hash-checked before it is loaded (the bundled safetensors for torch, the
cached export for ONNX), and `weights_sha256` names the file that ran, so an index records
which encoder built it. The ONNX variants never import torch once exported.
"""

from __future__ import annotations

import os
from pathlib import Path

from news_rag.index.encoders.base import DEFAULT_BATCH_SIZE, Encoder, PooledEncoder
from news_rag.index.errors import ModelError

VARIANTS = ("torch-fp32", "torch-bf16", "onnx-fp32", "onnx-int8")
DEFAULT_VARIANT = "onnx-fp32"  # builds an index when none is named (encoders/default.py)
VARIANT_ENV = "RAG_ENCODER"

__all__ = [
    "DEFAULT_VARIANT",
    "VARIANTS",
    "Encoder",
    "PooledEncoder",
    "load_encoder",
    "resolve_variant",
]


def resolve_variant(variant: str | None = None) -> str:
    """`variant`, else $RAG_ENCODER, else onnx-fp32; a one-line ModelError if unknown."""
    chosen = variant or os.environ.get(VARIANT_ENV) or DEFAULT_VARIANT
    if chosen not in VARIANTS:
        raise ModelError(f"unknown encoder {chosen!r}; choose one of {', '.join(VARIANTS)}")
    return chosen


def load_encoder(
    variant: str | None = None,
    *,
    threads: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    model_dir: Path | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    export_missing: bool = True,
    device: str = "cpu",
) -> PooledEncoder:
    """Load the named variant (see `resolve_variant`). `threads=None` uses every core;
    `device="cuda"` runs a torch variant on the GPU (the ONNX variants run on the CPU)."""
    chosen = resolve_variant(variant)
    if chosen.startswith("torch-"):
        from news_rag.index.encoders.torch_backend import TorchEncoder

        return TorchEncoder(
            chosen, model_dir=model_dir, threads=threads, batch_size=batch_size, device=device
        )
    if device != "cpu":
        raise ModelError(
            f"{chosen} runs on the CPU only; choose torch-fp32 or torch-bf16 for {device}"
        )
    from news_rag.index.encoders.onnx_backend import OnnxEncoder

    return OnnxEncoder(
        chosen,
        cache_dir=cache_dir,
        model_dir=model_dir,
        threads=threads,
        batch_size=batch_size,
        export_missing=export_missing,
    )
