"""The encoder of a `rag index --ray` encoder actor: on its GPU when Ray gave it one.

Ray gives an encoder actor a GPU when the cluster has one (`settings.resolve_pools`). The
ONNX variants run on the CPU here (onnxruntime, not onnxruntime-gpu, is in the lock), so
on a GPU the actor runs the torch variant of the same arithmetic: torch-fp32 for the fp32
family (onnx-fp32's vectors to float rounding, `encoders/family.py`), torch-bf16 for
itself. onnx-int8 has no GPU kernel here and stays on the CPU, as does every variant when
the worker's torch sees no GPU (a CPU-only torch): the vectors are right either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from news_rag.index.encoders.family import FP32_VARIANTS

if TYPE_CHECKING:
    from news_rag.index.encoders import PooledEncoder


def gpu_variant(variant: str) -> str | None:
    """The torch variant that computes `variant`'s vectors on a GPU, or None."""
    if variant in FP32_VARIANTS:
        return "torch-fp32"
    return variant if variant == "torch-bf16" else None


def cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def assigned_gpus() -> list[str]:
    """The GPUs Ray gave the calling actor (none outside an actor or on a CPU cluster)."""
    import ray

    if not ray.is_initialized():  # get_gpu_ids would start (or look for) a cluster
        return []
    return [str(gpu) for gpu in ray.get_gpu_ids()]


def actor_encoder(variant: str, threads: int) -> PooledEncoder:
    """The encoder of an actor: `variant`, or its torch variant on the actor's GPU."""
    from news_rag.index.encoders import load_encoder

    on_gpu = gpu_variant(variant)
    if on_gpu is not None and assigned_gpus() and cuda_available():
        return load_encoder(on_gpu, threads=threads, device="cuda")
    return load_encoder(variant, threads=threads)
