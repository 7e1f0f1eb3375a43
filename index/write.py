"""What one index generation holds, its files and its manifest entries, and publishing it.

The manifest's format, provenance and checksums are added by `store.publish`; everything it
says about the contents (model, chunker, ANN index, BM25, analysis, counts) is built here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.analysis.indexing import AnalysisStep, analysis_fingerprint
from news_rag.index.chunk import ChunkerConfig
from news_rag.index.encoders.checkpoint import remove_cache
from news_rag.index.encoders.minilm import Embedder
from news_rag.index.store.ann import AnnSpec, resolve_spec
from news_rag.index.store.ann import build_index as build_ann_index
from news_rag.index.store.database import (
    DuplicateRecord,
    SentenceSpan,
    SourceRecord,
    write_database,
)
from news_rag.index.store.diskwrite import writing
from news_rag.index.store.lexical import BM25_CONFIG, build_bm25, save_bm25
from news_rag.index.store.publish import Generation, drafting, publish_generation
from news_rag.index.store.vectors import save_vectors, write_faiss
from news_rag.index.types import Article, Chunk

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# Sentence vectors are stored at half precision: half the disk and page cache of float32
# (about 6.9 GB of float32 per million chunks, at ~4.5 sentences a chunk), and cosine
# scores move by less than 1e-3, which left every answer of the sample, reuters-dev and
# reuters-dev2 as it was (`rag eval`, in the note of issue 21). Chunk vectors stay float32:
# FAISS reads them.
SENTENCE_VECTOR_DTYPE = "float16"


@dataclass(frozen=True)
class GenerationContents:
    """Every article, chunk, sentence and vector of a new generation."""

    articles: list[Article]
    chunks: list[Chunk]
    chunk_hashes: list[str]  # sha256 of each chunk's text
    sentences: list[SentenceSpan]
    sources: list[SourceRecord]
    duplicates: list[DuplicateRecord]
    repeated_lines: frozenset[str]
    vectors: npt.NDArray[np.float32]  # row i: chunk i
    sentence_vectors: npt.NDArray[np.float32]  # row i: sentence i
    analysis: AnalysisStep


@dataclass(frozen=True)
class EncodingSettings:
    """How the vectors were made and will be searched."""

    embedder: Embedder
    sentence_mode: str  # separate, pooled or composed (encoders/modes.py)
    chunker: ChunkerConfig
    faiss_factory: str | None  # None: chosen by corpus size (store/ann.py)


def manifest_fields(
    contents: GenerationContents, settings: EncodingSettings, ann_spec: AnnSpec
) -> dict[str, Any]:
    embedder = settings.embedder
    return {
        "model": {
            "name": embedder.name,
            "weights_sha256": embedder.weights_sha256,
            # which arithmetic made the vectors: queries use the same (encoders/query.py)
            "variant": getattr(embedder, "variant", None),
            "dimension": embedder.dimension,
            "max_tokens": embedder.max_tokens,
            "sentence_vectors": settings.sentence_mode,
            "sentence_vector_dtype": SENTENCE_VECTOR_DTYPE,
        },
        "chunker": settings.chunker.to_dict(),
        "faiss": ann_spec.to_manifest(),  # write_files builds the ANN index from this spec
        "bm25": BM25_CONFIG,
        "analysis": analysis_fingerprint(),
        "counts": {
            "articles": len(contents.articles),
            "chunks": len(contents.chunks),
            "sentences": len(contents.sentences),
            "sources": len(contents.sources),
        },
        # where the articles came from, outside meta.sqlite: what `rag doctor` tells the user
        # to index again when meta.sqlite is lost (store/doctor.py)
        "source_paths": sorted({a.source_path for a in contents.articles}),
    }


def write_files(folder: Path, contents: GenerationContents, ann_spec: AnnSpec) -> None:
    """The generation's files: vectors, ANN index, SQLite metadata and analysis, BM25."""
    save_vectors(folder / "vectors.npy", contents.vectors)
    save_vectors(folder / "sentence_vectors.npy", contents.sentence_vectors, SENTENCE_VECTOR_DTYPE)
    write_faiss(build_ann_index(contents.vectors, ann_spec), folder / "vectors.faiss")
    write_database(
        folder / "meta.sqlite",
        contents.articles,
        contents.chunks,
        contents.chunk_hashes,
        contents.sources,
        contents.duplicates,
        contents.repeated_lines,
        contents.sentences,
    )
    contents.analysis.write(folder / "meta.sqlite")
    save_bm25(build_bm25([c.text for c in contents.chunks]), folder / "bm25")


def publish(
    index_dir: Path,
    previous: Generation | None,
    contents: GenerationContents,
    settings: EncodingSettings,
    notices: list[str],
    progress: Callable[[str, int, int], None] | None = None,
) -> Generation:
    """Write `contents` as the next generation of `index_dir` and make it live (under the
    write lock); a failed write leaves `previous` live (store/publish.py)."""
    dimension = settings.embedder.dimension
    ann_spec = resolve_spec(settings.faiss_factory, len(contents.vectors), dimension)
    manifest = manifest_fields(contents, settings, ann_spec)
    if progress:
        progress("writing", 0, 1)
    with drafting(index_dir, previous) as draft:
        with writing(draft.path):
            write_files(draft.path, contents, ann_spec)
        generation = publish_generation(draft, manifest, notices)
    remove_cache(index_dir)  # the live generation now holds every checkpointed vector
    if progress:
        progress("writing", 1, 1)
    return generation
