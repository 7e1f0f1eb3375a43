"""The state of the live generation that an incremental `rag index` builds on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.database import (
    DuplicateRecord,
    SentenceSpan,
    SourceRecord,
    connect_readonly,
    read_articles,
    read_chunks,
    read_duplicates,
    read_repeated_lines,
    read_sentences,
    read_sources,
)
from news_rag.index.errors import IndexCorruptError, IndexMismatchError
from news_rag.index.store import Generation, current_generation_path, open_generation
from news_rag.index.types import Article, Chunk
from news_rag.index.vectors import load_vectors

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass
class PreviousIndex:
    generation: Generation | None = None
    articles: dict[str, Article] = field(default_factory=dict)
    chunks: list[Chunk] = field(default_factory=list)
    chunk_hashes: list[str] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)
    duplicates: list[DuplicateRecord] = field(default_factory=list)
    repeated_lines: frozenset[str] = frozenset()
    chunker: dict[str, Any] | None = None
    faiss_factory: str | None = None
    vectors_path: Path | None = None
    sentences: list[SentenceSpan] = field(default_factory=list)
    sentence_vectors_path: Path | None = None

    def chunks_of(self, article_id: str) -> list[Chunk]:
        return [c for c in self.chunks if c.article_id == article_id]

    def sentences_of(self, article_id: str) -> list[SentenceSpan]:
        return [s for s in self.sentences if s.article_id == article_id]

    def vectors_by_hash(self) -> dict[str, npt.NDArray[np.float32]]:
        """Every stored vector (chunks and sentences) by the sha256 of its text."""
        known: dict[str, npt.NDArray[np.float32]] = {}
        if self.vectors_path is not None and self.chunk_hashes:
            vectors = load_vectors(self.vectors_path)
            known.update({h: vectors[i] for i, h in enumerate(self.chunk_hashes)})
        if self.sentence_vectors_path is not None and self.sentences:
            vectors = load_vectors(self.sentence_vectors_path)
            known.update({s.text_hash: vectors[i] for i, s in enumerate(self.sentences)})
        return known


def load_previous(index_dir: Path, *, rebuild: bool) -> PreviousIndex:
    """Read the live generation; with `rebuild`, a corrupt or mismatched one is set aside."""
    if current_generation_path(index_dir) is None:
        return PreviousIndex()
    try:
        generation = open_generation(index_dir)
    except (IndexCorruptError, IndexMismatchError):
        if rebuild:
            return PreviousIndex()
        raise
    conn = connect_readonly(generation.file("meta.sqlite"))
    try:
        articles = {a.id: a for a in read_articles(conn)}
        chunks, hashes = read_chunks(conn)
        state = PreviousIndex(
            generation=generation,
            articles=articles,
            chunks=chunks,
            chunk_hashes=hashes,
            sources=read_sources(conn),
            duplicates=read_duplicates(conn),
            repeated_lines=read_repeated_lines(conn),
            chunker=generation.manifest.get("chunker"),
            faiss_factory=generation.manifest.get("faiss", {}).get("factory"),
            vectors_path=generation.file("vectors.npy"),
            sentences=read_sentences(conn),
            sentence_vectors_path=generation.file("sentence_vectors.npy"),
        )
    finally:
        conn.close()
    if rebuild:  # keep every article (nothing indexed is lost) but no vectors or chunks
        state.chunks, state.chunk_hashes, state.vectors_path = [], [], None
        state.sentences, state.sentence_vectors_path = [], None
        state.chunker = None
    return state
