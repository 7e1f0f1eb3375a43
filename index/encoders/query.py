"""Which encoder variant queries an index, and making its ONNX export at index time.

An index's manifest names the model (`model.name`, `model.weights_sha256`) and the variant
that built it (`model.variant`; absent in an index from before the variants, which
sentence-transformers built in fp32). Queries must embed with the same arithmetic, so
vectors of different encoders never mix. torch-fp32 and onnx-fp32 are one fp32 model
(cosine 1.0000, eval/RESULTS.md "Encoder variants"), so an fp32 index is queried through
the onnx-fp32 export, which needs no torch; bf16 and int8 indexes by their own variant.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from news_rag.index.encoders import VARIANTS
from news_rag.index.encoders.family import FP32_VARIANTS, LEGACY_VARIANT
from news_rag.index.encoders.minilm import MODEL_NAME
from news_rag.index.errors import RagError


def built_variant(model: dict[str, Any] | None) -> str | None:
    """The variant that built an index of the bundled MiniLM (no variant recorded: the
    legacy torch-fp32), or None: no index yet, or another model (check_model says so)."""
    if not model or model.get("name") != MODEL_NAME:
        return None
    variant = model.get("variant") or LEGACY_VARIANT
    return variant if variant in VARIANTS else None


def query_variant(model: dict[str, Any] | None) -> str | None:
    """The variant that queries an index built as `model` (its manifest entry), or None
    when it is not the bundled MiniLM (the caller then falls back and `check_model` decides).
    """
    variant = built_variant(model)
    return "onnx-fp32" if variant in FP32_VARIANTS else variant


def manifest_model(index_dir: Path) -> dict[str, Any] | None:
    """The live generation's manifest `model` entry, or None when it cannot be read."""
    from news_rag.index.store.publish import open_generation

    try:
        model = open_generation(index_dir, verify=False).manifest.get("model")
    except (RagError, OSError, ValueError):
        return None  # opening the reader reports the problem with its own message
    return model if isinstance(model, dict) else None


def ensure_query_export(
    index_dir: Path,
    cache_dir: str | Path | None = None,
    *,
    announce: Callable[[str], None] | None = None,
) -> str | None:
    """Make the ONNX export that queries `index_dir` if it is missing (one time, ~10 s).

    Returns None when the export is there (or the index needs none), else a one-line
    warning: a failed export never fails indexing, queries then use torch (slower start).
    `announce` is told before a fresh export starts.
    """
    from news_rag.index.encoders.cache import is_exported, model_path

    variant = query_variant(manifest_model(index_dir))
    if variant is None or not variant.startswith("onnx-"):
        return None
    path = model_path(variant, cache_dir)
    if is_exported(path):
        return None
    if announce is not None:
        announce(f"exporting the {variant} query encoder (one time, for a fast start): {path}")
    try:
        from news_rag.index.encoders.export import ensure_export

        ensure_export(variant, cache_dir)
    except Exception as exc:  # any failure: keep the index, say why once
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"{path}: could not export the {variant} query encoder ({first}); queries use torch"
    return None
