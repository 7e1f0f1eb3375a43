"""torch variants: fp32 (today's arithmetic) and bf16 where the device computes it natively.

On the CPU by default; `device="cuda"` runs the same module on a GPU (a `rag index --ray`
encoder actor that Ray gave one, `index/cluster/gpu.py`). fp32 there keeps TF32 off, so
its vectors are the fp32 family's (`family.py`) to float rounding.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.encoders.base import DEFAULT_BATCH_SIZE, PooledEncoder
from news_rag.index.encoders.minilm import MODEL_SHA256, bundled_model_path
from news_rag.index.encoders.packing import PACKED_PASS_TOKENS
from news_rag.index.encoders.wordpiece import WordPieceTokenizer
from news_rag.index.errors import ModelError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# CPU flags of native bf16 arithmetic (AVX512-BF16, AMX). Without them torch emulates bf16
# and runs slower than fp32, so the variant is refused rather than silently slow.
BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")
DEVICES = ("cpu", "cuda")
# Word pieces per packed forward pass on a GPU. Measured on an H100 (a model of MiniLM's
# shape, the 3.74M word pieces of Reuters-21578's 162,310 sentences, eval/RESULTS.md "The
# encoder on a GPU"): the GPU's own fp32 seconds were 6.8 at the CPU's 1,152, 3.7 at
# 4,096, 3.4 at 8,192, 3.0 at 16,384, 3.9 at 32,768 and 5.0 at 65,536 (the block-diagonal
# masks of longer passes cost more than the larger batch saves).
GPU_PASS_TOKENS = 16384


def cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.partition(":")[2].split())
    return set()


def has_native_bf16() -> bool:
    return sys.platform == "linux" and any(flag in cpu_flags() for flag in BF16_CPU_FLAGS)


class TorchEncoder(PooledEncoder):
    """The transformer of sentence-transformers' all-MiniLM-L6-v2 run by torch.

    torch-fp32 computes what `SentenceTransformer.encode` computes (same weights, same
    tokenizer file, same mean pooling); torch-bf16 runs the matrix products under
    `torch.autocast(bfloat16)`. `threads` sets torch's (process-wide) intra-op threads:
    None uses every core. `device` is "cpu" or "cuda" (the current GPU).
    """

    def __init__(
        self,
        variant: str = "torch-fp32",
        *,
        model_dir: Path | None = None,
        threads: int | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        device: str = "cpu",
    ) -> None:
        if variant not in ("torch-fp32", "torch-bf16"):
            raise ModelError(f"{variant}: not a torch variant; choose torch-fp32 or torch-bf16")
        if device not in DEVICES:
            raise ModelError(f"{device}: not a device; choose {' or '.join(DEVICES)}")
        if device == "cpu" and variant == "torch-bf16" and not has_native_bf16():
            raise ModelError(
                "torch-bf16: this CPU has no native bf16 (needs one of "
                f"{', '.join(BF16_CPU_FLAGS)}); choose torch-fp32, onnx-fp32 or onnx-int8"
            )
        source = model_dir or bundled_model_path()
        super().__init__(
            WordPieceTokenizer(source, self.max_tokens),
            variant=variant,
            weights_sha256=MODEL_SHA256,
            batch_size=batch_size,
            pass_tokens=GPU_PASS_TOKENS if device == "cuda" else PACKED_PASS_TOKENS,
        )
        import torch
        from news_rag.index.encoders.export import load_transformer

        if device == "cuda" and not torch.cuda.is_available():
            raise ModelError(f"{variant} on cuda: torch {torch.__version__} sees no GPU")
        self.device = device
        self.threads = threads or os.cpu_count() or 1
        torch.set_num_threads(self.threads)
        if device == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = False  # fp32 stays fp32 (family.py)
        self._torch: Any = torch
        self._model = load_transformer(source).to(device)
        self._packed: Any = None  # `export.packed_bert` over the model, made on first use

    def _forward(self, module: Any, *arrays: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        torch = self._torch
        bf16 = self.variant == "torch-bf16"
        tensors = [torch.from_numpy(a).to(self.device) for a in arrays]
        autocast = torch.autocast(self.device, dtype=torch.bfloat16, enabled=bf16)
        with torch.inference_mode(), autocast:
            hidden = module(*tensors)
        result: npt.NDArray[np.float32] = hidden.float().cpu().numpy()
        return result

    def _hidden(
        self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float32]:
        def plain(ids: Any, mask: Any) -> Any:
            return self._model(
                input_ids=ids, attention_mask=mask, token_type_ids=self._torch.zeros_like(ids)
            ).last_hidden_state

        return self._forward(plain, ids, mask)

    def _hidden_packed(
        self,
        ids: npt.NDArray[np.int64],
        segments: npt.NDArray[np.int64],
        positions: npt.NDArray[np.int64],
    ) -> npt.NDArray[np.float32]:
        if self._packed is None:
            from news_rag.index.encoders.export import packed_bert

            self._packed = packed_bert(self._model)
        return self._forward(self._packed, ids, segments, positions)
