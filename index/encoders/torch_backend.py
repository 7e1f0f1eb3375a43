"""torch variants: fp32 (today's arithmetic) and bf16 where the CPU computes it natively."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.encoders.base import DEFAULT_BATCH_SIZE, PooledEncoder
from news_rag.index.encoders.minilm import MODEL_SHA256, bundled_model_path
from news_rag.index.encoders.wordpiece import WordPieceTokenizer
from news_rag.index.errors import ModelError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# CPU flags of native bf16 arithmetic (AVX512-BF16, AMX). Without them torch emulates bf16
# and runs slower than fp32, so the variant is refused rather than silently slow.
BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")


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
    None uses every core.
    """

    def __init__(
        self,
        variant: str = "torch-fp32",
        *,
        model_dir: Path | None = None,
        threads: int | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        if variant not in ("torch-fp32", "torch-bf16"):
            raise ModelError(f"{variant}: not a torch variant; choose torch-fp32 or torch-bf16")
        if variant == "torch-bf16" and not has_native_bf16():
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
        )
        import torch
        from news_rag.index.encoders.export import load_transformer

        self.threads = threads or os.cpu_count() or 1
        torch.set_num_threads(self.threads)
        self._torch: Any = torch
        self._model = load_transformer(source)
        self._packed: Any = None  # `export.packed_bert` over the model, made on first use

    def _hidden(
        self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float32]:
        torch = self._torch
        bf16 = self.variant == "torch-bf16"
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            hidden = self._model(
                input_ids=torch.from_numpy(ids),
                attention_mask=torch.from_numpy(mask),
                token_type_ids=torch.zeros_like(torch.from_numpy(ids)),
            ).last_hidden_state
        result: npt.NDArray[np.float32] = hidden.float().numpy()
        return result

    def _hidden_packed(
        self,
        ids: npt.NDArray[np.int64],
        segments: npt.NDArray[np.int64],
        positions: npt.NDArray[np.int64],
    ) -> npt.NDArray[np.float32]:
        torch = self._torch
        if self._packed is None:
            from news_rag.index.encoders.export import packed_bert

            self._packed = packed_bert(self._model)
        bf16 = self.variant == "torch-bf16"
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            hidden = self._packed(*(torch.from_numpy(a) for a in (ids, segments, positions)))
        result: npt.NDArray[np.float32] = hidden.float().numpy()
        return result
