"""The embedding stage of `rag index`: known vectors reused, the rest embedded in batches.

Each unique text (chunk or sentence, keyed by its sha256) is looked up first in the
previous generation (memory-mapped) and then in the side store of checkpointed batches
(`embed_cache.py`). What is left is embedded `EMBED_BATCH_TEXTS` texts at a time; each
finished batch is checkpointed before the next starts, so a killed run loses at most the
batch in flight. Vectors go straight into the two final arrays (chunks, sentences): no
second copy of the corpus's vectors is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from news_rag.index.database import SentenceSpan
from news_rag.index.embed_cache import EmbedCache, model_tag
from news_rag.index.errors import InputError
from news_rag.index.previous import PreviousIndex
from news_rag.index.store import _handshake
from news_rag.index.types import Article, Chunk

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from news_rag.index.embed import Embedder

# Texts per checkpointed batch. A kill loses at most one batch: at the ~50 texts/s of the
# fp32 model on 2 cores, 512 texts are ~10 s of work, and a 384-dim shard is 0.75 MB, so a
# 100k-text corpus makes ~200 shards. Larger batches gain nothing (the model encodes in
# sub-batches of 32 anyway); smaller ones only add shard files. Overridden by $RAG_EMBED_BATCH.
EMBED_BATCH_TEXTS = 512
EMBED_BATCH_ENV = "RAG_EMBED_BATCH"
HALFWAY_STAGE = "embed-half"  # the store.py test hook's stage once half the batches are saved

StageProgress = Callable[[str, int, int], None]  # the pipeline's (stage, done, total)


@dataclass
class EmbedResult:
    vectors: npt.NDArray[np.float32]  # row i: chunk i
    hashes: list[str]  # sha256 of each chunk's text
    sentence_vectors: npt.NDArray[np.float32]  # row i: sentence i
    embedded_chunks: int  # unique chunk texts embedded by this run
    embedded_sentences: int  # unique sentence texts (not also a chunk) embedded by this run
    resumed: int  # unique texts taken from the side store of an interrupted run


def batch_size() -> int:
    """EMBED_BATCH_TEXTS, or $RAG_EMBED_BATCH when set (a positive integer)."""
    raw = os.environ.get(EMBED_BATCH_ENV, "").strip()
    if not raw:
        return EMBED_BATCH_TEXTS
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"${EMBED_BATCH_ENV}={raw!r} is not a positive integer; fix or unset it")
    return int(raw)


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fill_from_previous(
    previous: PreviousIndex, targets: dict[str, list[tuple[int, int]]], arrays: list[npt.NDArray]
) -> None:
    """Copy the previous generation's vectors (memory-mapped) into the rows that want them."""
    sources = [
        (previous.vectors_path, previous.chunk_hashes),
        (previous.sentence_vectors_path, [s.text_hash for s in previous.sentences]),
    ]
    for path, hashes in sources:
        if path is None or not hashes or not targets:
            continue
        vectors = previous.load_mapped(path, len(hashes))
        for row, text_hash in enumerate(hashes):
            for which, target in targets.pop(text_hash, ()):
                arrays[which][target] = vectors[row]


def _open_cache(index_dir: Path, tag: str, dimension: int) -> EmbedCache | None:
    """The side store, or None when it cannot be written (the run then just embeds)."""
    try:
        return EmbedCache(index_dir, tag, dimension)
    except (OSError, sqlite3.Error):
        return None


def embed_all(
    chunks: Sequence[Chunk],
    sentences: Sequence[SentenceSpan],
    articles: dict[str, Article],
    previous: PreviousIndex,
    embedder: Embedder,
    index_dir: Path,
    progress: StageProgress | None = None,
) -> EmbedResult:
    """Vectors for every chunk and sentence; only texts never embedded before are embedded."""
    import numpy as np

    size = batch_size()
    hashes = [_text_hash(c.text) for c in chunks]
    arrays = [
        np.zeros((len(chunks), embedder.dimension), dtype=np.float32),
        np.zeros((len(sentences), embedder.dimension), dtype=np.float32),
    ]
    targets: dict[str, list[tuple[int, int]]] = {}  # hash -> (array, row) still to fill
    for row, text_hash in enumerate(hashes):
        targets.setdefault(text_hash, []).append((0, row))
    for row, span in enumerate(sentences):
        targets.setdefault(span.text_hash, []).append((1, row))
    _fill_from_previous(previous, targets, arrays)

    def place(text_hash: str, vector: npt.NDArray[np.float32]) -> None:
        for which, target in targets.pop(text_hash, ()):
            arrays[which][target] = vector

    # the encoder variant (fp32, int8...) too: vectors of different arithmetic never mix
    variant = str(getattr(embedder, "variant", None))
    tag = model_tag(f"{embedder.name}|{variant}", embedder.weights_sha256, embedder.dimension)
    cache = _open_cache(index_dir, tag, embedder.dimension)
    try:
        resumed = 0
        for text_hash, vector in cache.lookup(set(targets)) if cache else ():
            place(text_hash, vector)
            resumed += 1
        texts = {h: c.text for h, c in zip(hashes, chunks, strict=True) if h in targets}
        embedded_chunks = len(texts)
        for span in sentences:
            if span.text_hash in targets and span.text_hash not in texts:
                texts[span.text_hash] = articles[span.article_id].text[span.start : span.end]
        todo = sorted(texts.items())
        _embed_batches(todo, embedder, cache, size, place, progress)
    finally:
        if cache is not None:
            cache.close()
    return EmbedResult(
        arrays[0],
        hashes,
        arrays[1],
        embedded_chunks,
        len(todo) - embedded_chunks,
        resumed,
    )


def _embed_batches(
    todo: Sequence[tuple[str, str]],
    embedder: Embedder,
    cache: EmbedCache | None,
    size: int,
    place: Callable[[str, npt.NDArray[np.float32]], None],
    progress: StageProgress | None,
) -> None:
    """Embed `todo` (hash, text) `size` at a time, checkpointing each finished batch."""
    total = len(todo)
    halfway_told = False
    if progress and total:
        progress("embedding", 0, total)  # the rate counts from here
    for start in range(0, total, size):
        batch = todo[start : start + size]

        def tick(done: int, _: int, base: int = start) -> None:
            if progress:
                progress("embedding", base + done, total)

        fresh = embedder.embed([text for _, text in batch], progress=tick)
        keys = [h for h, _ in batch]
        # A checkpoint is an optimisation: on a full disk the publish fails, naming its file.
        if cache is not None:
            with contextlib.suppress(OSError, ValueError, sqlite3.Error):
                cache.add(keys, fresh)
        for row, text_hash in enumerate(keys):
            place(text_hash, fresh[row])
        done = start + len(batch)
        if progress:
            progress("embedding", done, total)
        if not halfway_told and done * 2 >= total and done < total:
            halfway_told = True
            _handshake(HALFWAY_STAGE)
