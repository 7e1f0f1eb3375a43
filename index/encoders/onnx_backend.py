"""ONNX Runtime variants (onnx-fp32, onnx-int8): no torch on this path once exported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from news_rag.index.encoders.base import DEFAULT_BATCH_SIZE, PooledEncoder
from news_rag.index.encoders.cache import export_command, is_exported, model_path, read_verified
from news_rag.index.encoders.minilm import bundled_model_path
from news_rag.index.encoders.wordpiece import WordPieceTokenizer
from news_rag.index.errors import ModelError

if TYPE_CHECKING:
    import numpy.typing as npt


def session_options(threads: int) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3  # errors only
    return options


class OnnxEncoder(PooledEncoder):
    """all-MiniLM-L6-v2 run by ONNX Runtime from a verified export in the cache.

    `threads` is ONNX Runtime's intra-op thread count: None uses every core (bulk
    indexing); pass 1 for single queries. A missing export is made on first use (that one
    call imports torch) unless `export_missing=False`.
    """

    def __init__(
        self,
        variant: str,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        model_dir: Path | None = None,
        threads: int | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        export_missing: bool = True,
    ) -> None:
        path = model_path(variant, cache_dir)
        if not is_exported(path):
            if not export_missing:
                raise ModelError(f"{path}: no {variant} export yet; run: {export_command(path)}")
            from news_rag.index.encoders.export import ensure_export

            ensure_export(variant, cache_dir, model_dir=model_dir)
        data, sha = read_verified(path, variant)
        source = model_dir or bundled_model_path()
        super().__init__(
            WordPieceTokenizer(source, self.max_tokens),
            variant=variant,
            weights_sha256=sha,
            batch_size=batch_size,
        )
        self.path = path
        self.threads = threads or os.cpu_count() or 1
        self._cache_dir, self._model_dir = cache_dir, model_dir
        self._export_missing = export_missing
        # The plain graph's session, loaded on first use: a composed build runs the packed
        # graph only, and holding both costs the plain graph's weights and arena again.
        self._session: Any = None
        self._packed: Any = None  # the packed graph's session, loaded on first use
        del data  # verified above; read again (and verified again) when first run

    def _load(self, path: Path, data: bytes) -> Any:
        import onnxruntime as ort

        try:
            return ort.InferenceSession(
                data, session_options(self.threads), providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ModelError(
                f"{path}: ONNX Runtime cannot load it ({first}); "
                f"re-export it: {export_command(path)}"
            ) from exc

    def _hidden_packed(
        self,
        ids: npt.NDArray[np.int64],
        segments: npt.NDArray[np.int64],
        positions: npt.NDArray[np.int64],
    ) -> npt.NDArray[np.float32]:
        if self._packed is None:
            from news_rag.index.encoders.export import packed_graph

            graph = packed_graph(self.variant)
            path = model_path(graph, self._cache_dir)
            if not is_exported(path):
                if not self._export_missing:
                    raise ModelError(f"{path}: no {graph} export yet; run: {export_command(path)}")
                from news_rag.index.encoders.export import ensure_export

                ensure_export(graph, self._cache_dir, model_dir=self._model_dir)
            self._packed = self._load(path, read_verified(path, graph)[0])
        feeds = {"input_ids": ids, "segment_ids": segments, "position_ids": positions}
        hidden: npt.NDArray[np.float32] = self._packed.run(None, feeds)[0]
        return hidden

    def _hidden(
        self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float32]:
        if self._session is None:
            self._session = self._load(self.path, read_verified(self.path, self.variant)[0])
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden: npt.NDArray[np.float32] = self._session.run(None, feeds)[0]
        return hidden
