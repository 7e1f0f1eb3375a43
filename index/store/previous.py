"""The state of the live generation that an incremental `rag index` builds on.

When CURRENT is missing or garbage, or (with --rebuild) the live generation does not load,
the state is recovered from the newest generation whose meta.sqlite verifies, so that no
indexed article is lost. Its vectors are reused only when the whole generation verifies.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.errors import IndexCorruptError, IndexMismatchError
from news_rag.index.hashing import sha256_file
from news_rag.index.store.database import (
    DuplicateRecord,
    SentenceSpan,
    SourceRecord,
    connect_readonly,
    read_chunks,
    read_duplicates,
    read_repeated_lines,
    read_sentences,
    read_sources,
    read_verified_articles,
)
from news_rag.index.store.generations import CURRENT, list_generations, read_current, repair_hint
from news_rag.index.store.publish import (
    MANIFEST,
    Generation,
    check_model,
    generation_verifies,
    read_generation,
)
from news_rag.index.store.vectors import load_vectors
from news_rag.index.store.verify import metadata_problems
from news_rag.index.types import Article, Chunk

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import Embedder


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
    analysis: dict[str, Any] | None = None  # the manifest's analysis fingerprint
    vectors_path: Path | None = None
    sentences: list[SentenceSpan] = field(default_factory=list)
    sentence_vectors_path: Path | None = None
    recovered: bool = False  # built from a generation other than a loadable live one

    notices: list[str] = field(default_factory=list)  # what recovery did, one line each

    def unchanged_sources(self, files: Sequence[Path]) -> list[SourceRecord] | None:
        """The stored records of `files` when each file is byte for byte the one indexed
        last time (same size, same sha256), else None: reading, cleaning and comparing
        their articles again would find nothing new."""
        stored = {record.path: record for record in self.sources}
        found: list[SourceRecord] = []
        for path in files:
            record = stored.get(str(path))
            if record is None or path.stat().st_size != record.size:
                return None
            if sha256_file(path) != record.sha256:
                return None
            found.append(record)
        return found if self.generation is not None else None

    def chunks_of(self, article_id: str) -> list[Chunk]:
        return [c for c in self.chunks if c.article_id == article_id]

    def sentences_of(self, article_id: str) -> list[SentenceSpan]:
        return [s for s in self.sentences if s.article_id == article_id]

    def load_mapped(self, path: Path, rows: int) -> npt.NDArray[np.float32]:
        """The vectors at `path` (this generation's), memory-mapped and checked as _load."""
        try:
            return self._load(path, rows, mmap=True)
        except IndexCorruptError:
            # numpy's mmap refusal hides the reason (e.g. an object array): load it to say it
            return self._load(path, rows)

    def _load(self, path: Path, rows: int, *, mmap: bool = False) -> npt.NDArray[np.float32]:
        """Vectors of the previous generation; a crafted or damaged file is one line."""
        index_dir = path.parent.parent
        try:
            vectors = load_vectors(path, mmap=mmap)
        except (OSError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            hint = repair_hint(index_dir)
            raise IndexCorruptError(f"{path}: unreadable ({reason}); {hint}") from exc
        if len(vectors) != rows:
            raise IndexCorruptError(
                f"{path}: {len(vectors)} rows, not {rows}; {repair_hint(index_dir)}"
            )
        return vectors


def load_for_write(
    index_dir: Path, embedder: Embedder, *, rebuild: bool, own_corpus: bool
) -> PreviousIndex:
    """What a write builds on; `own_corpus`: no paths were given, so it must hold articles."""
    previous = load_previous(index_dir, rebuild=rebuild)
    if own_corpus and not previous.articles:
        raise IndexCorruptError(
            f"{index_dir}: no generation has a readable meta.sqlite to re-index from; "
            f"index your articles again with: rag index PATH --index {index_dir}"
        )
    if previous.generation is not None and previous.vectors_path and not rebuild:
        check_model(
            previous.generation,
            embedder.name,
            embedder.weights_sha256,
            getattr(embedder, "variant", None),
        )
    return previous


def load_previous(index_dir: Path, *, rebuild: bool) -> PreviousIndex:
    """The state a write builds on, never losing an article that some generation holds.

    - CURRENT names a generation that verifies: that one.
    - It does not verify: without `rebuild` the error (with the repair command) is raised;
      with `rebuild`, its articles are kept if its meta.sqlite verifies.
    - CURRENT is missing or garbage (or, with `rebuild`, the live meta.sqlite is bad): the
      newest generation whose meta.sqlite verifies, and the report says so.
    """
    try:
        live = read_current(index_dir)
        problem = None
    except IndexCorruptError as exc:
        live, problem = None, str(exc).split("; ", 1)[0]
    if live is None and problem is None:
        if not list_generations(index_dir):
            return PreviousIndex()  # a new index
        problem = f"{index_dir / CURRENT}: missing"
    if live is not None:
        try:
            return _read_state(read_generation(index_dir, index_dir / live), vectors=not rebuild)
        except (IndexCorruptError, IndexMismatchError) as exc:
            if not rebuild:
                raise
            problem = str(exc).split("; ", 1)[0]
        if not metadata_problems(index_dir / live)[0]:
            return _read_state(_loose(index_dir, index_dir / live), vectors=False)
    return _recover(index_dir, skip=live, problem=problem or "", rebuild=rebuild)


def _recover(index_dir: Path, *, skip: str | None, problem: str, rebuild: bool) -> PreviousIndex:
    for path in list_generations(index_dir):
        if path.name == skip or metadata_problems(path)[0]:
            continue
        whole = not rebuild and generation_verifies(index_dir, path)
        state = _read_state(_loose(index_dir, path), vectors=whole)
        state.recovered = True
        state.notices.append(
            f"{problem}; recovered {len(state.articles)} articles from {path.name}"
            + ("" if whole else " (re-embedding them)")
        )
        return state
    state = PreviousIndex(recovered=True)
    state.notices.append(f"{problem}; no generation has a readable meta.sqlite to recover from")
    return state


def _loose(index_dir: Path, path: Path) -> Generation:
    """A generation whose metadata verifies, with its manifest if that still reads."""
    try:
        return read_generation(index_dir, path, verify=False)
    except IndexMismatchError:  # another format version: keep its corpus_id and dates
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        return Generation(index_dir=index_dir, path=path, manifest=manifest)
    except IndexCorruptError:
        return Generation(index_dir=index_dir, path=path, manifest={})


def _read_state(generation: Generation, *, vectors: bool) -> PreviousIndex:
    """Articles (and, with `vectors`, chunks, sentences and their vectors) of a generation."""
    meta = generation.file("meta.sqlite")
    try:
        conn = connect_readonly(meta)
        try:
            intact, damaged = read_verified_articles(conn)
            articles = {a.id: a for a in intact}
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
                analysis=generation.manifest.get("analysis"),
                vectors_path=generation.file("vectors.npy"),
                sentences=read_sentences(conn),
                sentence_vectors_path=generation.file("sentence_vectors.npy"),
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        hint = repair_hint(generation.index_dir)
        raise IndexCorruptError(f"{meta}: unreadable ({exc}); {hint}") from exc
    if damaged:
        state.notices.append(
            f"{meta}: the text of {len(damaged)} article(s) no longer matches its hashes and "
            f"was left out: {', '.join(damaged[:5])}" + (" ..." if len(damaged) > 5 else "")
        )
    if not vectors:  # keep every article (nothing indexed is lost) but no vectors or chunks
        state.chunks, state.chunk_hashes, state.vectors_path = [], [], None
        state.sentences, state.sentence_vectors_path = [], None
        state.chunker = None
    return state
