"""Which encoders compute the same vectors: the fp32 family (torch-fp32 and onnx-fp32).

An index never mixes the vectors of two arithmetics (int8, bf16 and fp32 differ), but
torch-fp32 (sentence-transformers, or `TorchEncoder`) and onnx-fp32 (the `torch.onnx`
export of the same weights) are one fp32 arithmetic, so an index built by either is
extended and queried by either without a rebuild (`index.store.publish.check_model`).

Measured 2026-11-29 on the bundled all-MiniLM-L6-v2 (torch 2.13.0+cpu, onnxruntime 1.32.0),
onnx-fp32 against sentence-transformers and against the torch-fp32 encoder, over the first
300 articles of eval/corpora/reuters-1000.jsonl.gz (title + text, cut at 256 word pieces)
and 300 of their sentences: largest absolute difference of any vector component 1.9e-07,
smallest cosine 0.99999988 (float32 rounding; the mean cosine prints as 1.00000000).
Command: the script in eval/RESULTS.md, "Encoder variants" / "onnx-fp32 builds new indexes".

The family is `FP32_VARIANTS` below, the one definition. A weights hash
belongs to it when it names the bundled safetensors or an onnx-fp32 export of them: the
pinned export's constant, or the export in this machine's cache (its sidecar names the
safetensors it was made from).
"""

from __future__ import annotations

from typing import Any

from news_rag.index.encoders.minilm import MODEL_NAME, MODEL_SHA256

FP32_VARIANTS = ("torch-fp32", "onnx-fp32")
# What built an index whose manifest names no variant: indexes from before the variants
# were all made by sentence-transformers in fp32.
LEGACY_VARIANT = "torch-fp32"


def same_arithmetic(built: str, variant: str) -> bool:
    """Whether vectors of `variant` may be added to an index `built` by another variant."""
    return built == variant or (built in FP32_VARIANTS and variant in FP32_VARIANTS)


def same_vectors(expected: tuple[str, str], made: tuple[str, str]) -> bool:
    """Whether vectors made by (variant, weights hash) `made` may stand for those of
    `expected`: the same encoder, or both the bundled weights in fp32 (a `rag index --ray`
    encoder actor on a GPU runs torch-fp32 for a driver that builds with onnx-fp32)."""
    if made == expected:
        return True
    if expected[0] not in FP32_VARIANTS or made[0] not in FP32_VARIANTS:
        return False
    hashes = fp32_weight_hashes()
    return expected[1] in hashes and made[1] in hashes


def fp32_weight_hashes() -> set[str]:
    """The hashes that name the bundled fp32 weights: the safetensors, the pinned onnx-fp32
    export, and the onnx-fp32 export in the cache (when its sidecar reads)."""
    from news_rag.index.encoders.cache import KNOWN_SHA256, model_path, read_record

    hashes = {MODEL_SHA256, KNOWN_SHA256["onnx-fp32"]}
    try:
        record = read_record(model_path("onnx-fp32"))
    except (OSError, ValueError, TypeError):
        return hashes  # no export here (yet): the pinned constant still applies
    if record.variant == "onnx-fp32" and record.source_weights_sha256 == MODEL_SHA256:
        hashes.add(record.sha256)
    return hashes


def is_fp32_model(name: Any, weights_sha256: Any, variant: Any) -> bool:
    """Whether (model name, weights hash, variant) is the bundled MiniLM in fp32. A missing
    variant is a legacy index (sentence-transformers fp32) or a reader that names none."""
    if name != MODEL_NAME or (variant or LEGACY_VARIANT) not in FP32_VARIANTS:
        return False
    return weights_sha256 in fp32_weight_hashes()
