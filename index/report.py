"""What `rag index` did: `IndexReport` (articles added, updated, unchanged, removed, what was
embedded, skipped and found duplicated), printed by the CLI and returned by `run_index`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from news_rag.index.store.database import DuplicateRecord
from news_rag.index.types import Skipped


@dataclass
class IndexReport:
    index_dir: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    embedded_chunks: int = 0
    embedded_sentences: int = 0
    pooled_sentences: int = 0  # sentence vectors pooled from a chunk's pass (batches.py)
    composed_chunks: int = 0  # chunk vectors composed from their sentences' passes (composed.py)
    model_sequences: int = 0  # sequences through the model (composed: texts packed, packing.py)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[DuplicateRecord] = field(default_factory=list)
    generation: int | None = None  # None when nothing changed and nothing was written
    articles: int = 0
    chunks: int = 0
    notices: list[str] = field(default_factory=list)  # recovery and quarantine, one line each

    @property
    def chunks_embedded(self) -> int:
        """Chunks whose vector this run made: embedded whole, or composed from their
        sentences' passes (index/encoders/composed.py)."""
        return self.embedded_chunks + self.composed_chunks

    def to_dict(self) -> dict[str, Any]:
        return {
            "index_dir": self.index_dir,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "embedded_chunks": self.embedded_chunks,
            "embedded_sentences": self.embedded_sentences,
            "pooled_sentences": self.pooled_sentences,
            "composed_chunks": self.composed_chunks,
            "model_sequences": self.model_sequences,
            "skipped": [s.to_dict() for s in self.skipped],
            "duplicates": [
                {"article_id": d.article_id, "path": d.source_path, "kind": d.kind}
                for d in self.duplicates
            ],
            "generation": self.generation,
            "articles": self.articles,
            "chunks": self.chunks,
            "notices": self.notices,
        }
