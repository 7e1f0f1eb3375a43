"""The second-stage seam: a `Reranker` rescoring (query, passage) pairs.

No cross-encoder ships with this project (none is available as a package here), so the
default path has no reranker. A user with a local cross-encoder directory sets
`retrieval.reranker` to its path and `CrossEncoderReranker` loads it, offline only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from news_rag.index.errors import ModelError
from news_rag.rag.types import Passage


class Reranker(Protocol):
    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        """Return the passages reordered (and rescored) for the query."""
        ...


class CrossEncoderReranker:
    """A sentence-transformers CrossEncoder loaded from a local directory (never downloaded)."""

    def __init__(self, model_dir: str | Path) -> None:
        path = Path(model_dir).expanduser()
        if not (path / "config.json").is_file():
            raise ModelError(
                f"{path}: not a local cross-encoder directory (no config.json); "
                "set retrieval.reranker to a downloaded model folder or leave it empty"
            )
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from sentence_transformers import CrossEncoder

        self._model: Any = CrossEncoder(str(path), device="cpu")

    def rerank(self, query: str, passages: Sequence[Passage]) -> list[Passage]:
        from dataclasses import replace

        if not passages:
            return []
        scores = self._model.predict([(query, p.text) for p in passages])
        rescored = [replace(p, score=float(s)) for p, s in zip(passages, scores, strict=True)]
        return sorted(rescored, key=lambda p: -p.score)


def load_reranker(setting: str | None) -> Reranker | None:
    return CrossEncoderReranker(setting) if setting else None
