"""The embedding stage of `rag index`: known vectors reused, the rest embedded in batches.

Each unique text (chunk or sentence, keyed by its sha256) is looked up first in the
previous generation (memory-mapped) and then in the side store of checkpointed batches
(`embed_cache.py`). What is left is embedded `EMBED_BATCH_TEXTS` texts at a time; each
finished batch is checkpointed before the next starts, so a killed run loses at most the
batch in flight. Vectors go straight into the two final arrays (chunks, sentences): no
second copy of the corpus's vectors is kept.

Sentence vectors come one of three ways (`modes.py`; `composed` by default for a new index).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from news_rag.index.encoders.checkpoint import EmbedCache, model_tag
from news_rag.index.encoders.modes import DEFAULT_SENTENCE_MODE, check_sentence_mode
from news_rag.index.errors import InputError, ModelError
from news_rag.index.hashing import text_hash as sha256_text
from news_rag.index.store.database import SentenceSpan
from news_rag.index.store.previous import PreviousIndex
from news_rag.index.store.publish import _handshake
from news_rag.index.types import Article, Chunk

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import Embedder

# Texts per checkpointed batch. A kill loses at most one batch: at the ~50 texts/s of the
# fp32 model on 2 cores, 512 texts are ~10 s of work, and a 384-dim shard is 0.75 MB, so a
# 100k-text corpus makes ~200 shards. Larger batches gain nothing (the model encodes in
# sub-batches of 32 anyway); smaller ones only add shard files. Overridden by $RAG_EMBED_BATCH.
EMBED_BATCH_TEXTS = 512
EMBED_BATCH_ENV = "RAG_EMBED_BATCH"
HALFWAY_STAGE = "embed-half"  # the store.py test hook's stage once half the batches are saved

StageProgress = Callable[[str, int, int], None]  # the pipeline's (stage, done, total)

POOLED_KEY_PREFIX = "pooled:"  # the key of a pooled sentence vector: prefix + text sha256


@dataclass
class EmbedResult:
    vectors: npt.NDArray[np.float32]  # row i: chunk i
    hashes: list[str]  # sha256 of each chunk's text
    sentence_vectors: npt.NDArray[np.float32]  # row i: sentence i
    embedded_chunks: int  # unique chunk texts embedded by this run
    # unique sentence texts (not also a chunk) embedded on their own; composed: every
    # piece of a chunk run through the model (its sentences, and parts of them at its edges)
    embedded_sentences: int
    resumed: int  # unique texts taken from the side store of an interrupted run
    pooled_sentences: int = 0  # unique sentence vectors pooled from a chunk's forward pass
    composed_chunks: int = 0  # unique chunk vectors composed from their segments' passes
    packed_sequences: int | None = None  # composed: the sequences its segments were packed in

    @property
    def sequences(self) -> int:
        """The sequences the model ran: one per text embedded, unless packed."""
        if self.packed_sequences is not None:
            return self.packed_sequences
        return self.embedded_chunks + self.embedded_sentences


def batch_size() -> int:
    """EMBED_BATCH_TEXTS, or $RAG_EMBED_BATCH when set (a positive integer)."""
    raw = os.environ.get(EMBED_BATCH_ENV, "").strip()
    if not raw:
        return EMBED_BATCH_TEXTS
    if not raw.isdigit() or int(raw) < 1:
        raise InputError(f"${EMBED_BATCH_ENV}={raw!r} is not a positive integer; fix or unset it")
    return int(raw)


def sentence_key(text_hash: str, mode: str) -> str:
    """The key of a sentence's vector: its text sha256, or (pooled) the prefixed sha256."""
    return POOLED_KEY_PREFIX + text_hash if mode == "pooled" else text_hash


def checkpoint_tag(name: str, variant: str, weights_sha256: str, dimension: int, mode: str) -> str:
    """The side store's tag: the model and its arithmetic (fp32, int8...), so that vectors
    of different arithmetic never mix, and `composed`, whose chunk vectors are not the
    other modes' under the same keys (a pooled sentence vector has a key of its own)."""
    suffix = "|composed" if mode == "composed" else ""
    return model_tag(f"{name}|{variant}{suffix}", weights_sha256, dimension)


def _fill_from_previous(
    previous: PreviousIndex,
    targets: dict[str, list[tuple[int, int]]],
    arrays: list[npt.NDArray],
    mode: str,
) -> None:
    """Copy the previous generation's vectors (memory-mapped) into the rows that want them."""
    sources = [
        (previous.vectors_path, previous.chunk_hashes),
        (
            previous.sentence_vectors_path,
            [sentence_key(s.text_hash, mode) for s in previous.sentences],
        ),
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


@dataclass
class _Item:
    """One text for the model: its key, and (pooled) the sentence spans pooled from it."""

    key: str
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # offsets into `text`
    span_keys: list[str] = field(default_factory=list)


def _holder(chunks: Sequence[Chunk], rows: Sequence[int], span: SentenceSpan) -> int | None:
    """The first of `rows` whose chunk holds the sentence whole, or None."""
    for row in rows:
        if chunks[row].char_start <= span.start and span.end <= chunks[row].char_end:
            return row
    return None


def _plan(
    chunks: Sequence[Chunk],
    hashes: Sequence[str],
    sentences: Sequence[SentenceSpan],
    articles: dict[str, Article],
    targets: dict[str, list[tuple[int, int]]],
    mode: str,
) -> tuple[list[_Item], int]:
    """The texts still to embed, sorted by key, and how many of them are chunks."""
    items: dict[str, _Item] = {}
    for chunk, text_hash in zip(chunks, hashes, strict=True):
        if text_hash in targets and text_hash not in items:
            items[text_hash] = _Item(text_hash, chunk.text)
    embedded_chunks = len(items)
    by_article: dict[str, list[int]] = {}
    for row, chunk in enumerate(chunks):
        by_article.setdefault(chunk.article_id, []).append(row)
    alone: dict[str, _Item] = {}
    for span in sentences:
        key = sentence_key(span.text_hash, mode)
        if key not in targets or key in items or key in alone:
            continue
        rows = by_article.get(span.article_id, ()) if mode == "pooled" else ()
        holder = _holder(chunks, rows, span)
        if holder is None:
            alone[key] = _Item(key, articles[span.article_id].text[span.start : span.end])
            continue
        chunk = chunks[holder]
        item = items.get(hashes[holder])
        if item is None:  # its vector is known, but this sentence's is not: pass it again
            item = items[hashes[holder]] = _Item(hashes[holder], chunk.text)
            embedded_chunks += 1
        item.spans.append((span.start - chunk.char_start, span.end - chunk.char_start))
        item.span_keys.append(key)
    return sorted([*items.values(), *alone.values()], key=lambda i: i.key), embedded_chunks


def _check_pooling(embedder: Embedder, mode: str) -> None:
    method = {"pooled": "encode_with_spans", "composed": "encode_weighted"}.get(mode)
    if method and not hasattr(embedder, method):
        raise ModelError(
            f"--sentence-vectors {mode} needs an encoder that pools in numpy, not "
            f"{embedder.name}; choose one with --encoder (torch-fp32, onnx-fp32, onnx-int8)"
        )


def _targets(
    hashes: Sequence[str], sentences: Sequence[SentenceSpan], mode: str
) -> dict[str, list[tuple[int, int]]]:
    """Every vector key -> the (array, row) places it fills: 0 chunks, 1 sentences."""
    targets: dict[str, list[tuple[int, int]]] = {}
    for row, text_hash in enumerate(hashes):
        targets.setdefault(text_hash, []).append((0, row))
    for row, span in enumerate(sentences):
        targets.setdefault(sentence_key(span.text_hash, mode), []).append((1, row))
    return targets


def embed_all(
    chunks: Sequence[Chunk],
    sentences: Sequence[SentenceSpan],
    articles: dict[str, Article],
    previous: PreviousIndex,
    embedder: Embedder,
    index_dir: Path,
    progress: StageProgress | None = None,
    sentence_vectors: str = DEFAULT_SENTENCE_MODE,
) -> EmbedResult:
    """Vectors for every chunk and sentence; only texts never embedded before are embedded."""
    import numpy as np

    mode = sentence_vectors
    check_sentence_mode(index_dir, None, mode)
    _check_pooling(embedder, mode)
    size = batch_size()
    hashes = [sha256_text(c.text) for c in chunks]
    arrays = [
        np.zeros((len(chunks), embedder.dimension), dtype=np.float32),
        np.zeros((len(sentences), embedder.dimension), dtype=np.float32),
    ]
    targets = _targets(hashes, sentences, mode)
    _fill_from_previous(previous, targets, arrays, mode)

    def place(key: str, vector: npt.NDArray[np.float32]) -> None:
        for which, target in targets.pop(key, ()):
            arrays[which][target] = vector

    variant = str(getattr(embedder, "variant", None))
    tag = checkpoint_tag(embedder.name, variant, embedder.weights_sha256, embedder.dimension, mode)
    cache = _open_cache(index_dir, tag, embedder.dimension)
    try:
        resumed = 0
        for key, vector in cache.lookup(set(targets)) if cache else ():
            place(key, vector)
            resumed += 1

        def keep(total: int) -> _Keep:
            return _Keep(cache, place, progress, total)

        if mode == "composed":
            return _embed_composed(chunks, hashes, sentences, articles, targets, arrays,
                                   embedder, size, keep, resumed)  # fmt: skip
        todo, embedded_chunks = _plan(chunks, hashes, sentences, articles, targets, mode)
        spans = sum(len(item.spans) for item in todo)
        alone = _embed_batches(todo, embedder, size, keep(len(todo)), pooled=mode == "pooled")
    finally:
        if cache is not None:
            cache.close()
    return EmbedResult(
        arrays[0],
        hashes,
        arrays[1],
        embedded_chunks,
        len(todo) - embedded_chunks + alone,
        resumed,
        spans - alone,
    )


def _embed_composed(
    chunks: Sequence[Chunk],
    hashes: list[str],
    sentences: Sequence[SentenceSpan],
    articles: dict[str, Article],
    targets: dict[str, list[tuple[int, int]]],
    arrays: list[npt.NDArray[np.float32]],
    embedder: Embedder,
    size: int,
    keep: Callable[[int], _Keep],
    resumed: int,
) -> EmbedResult:
    from news_rag.index.encoders.composed import embed_composed, plan_composed

    units = plan_composed(chunks, hashes, sentences, articles, set(targets))
    texts, sequences = embed_composed(units, embedder, size, keep(len(units)))
    chunk_keys = set(hashes)
    composed = sum(1 for key, _ in units if key in chunk_keys)
    return EmbedResult(arrays[0], hashes, arrays[1], 0, texts, resumed,
                       composed_chunks=composed, packed_sequences=sequences)  # fmt: skip


@dataclass
class _Keep:
    """Where each embedded batch goes: checkpointed, placed in the arrays, counted on the
    progress line, and the store test hook's handshake once half the work is done."""

    cache: EmbedCache | None
    place: Callable[[str, npt.NDArray[np.float32]], None]
    progress: StageProgress | None
    total: int
    halfway_told: bool = False

    def begin(self) -> None:
        if self.progress and self.total:
            self.progress("embedding", 0, self.total)  # the rate counts from here

    def __call__(self, keys: list[str], vectors: npt.NDArray[np.float32], done: int) -> None:
        # A checkpoint is an optimisation: on a full disk the publish fails, naming its file.
        if self.cache is not None:
            with contextlib.suppress(OSError, ValueError, sqlite3.Error):
                self.cache.add(keys, vectors)
        for row, key in enumerate(keys):
            self.place(key, vectors[row])
        if self.progress:
            self.progress("embedding", done, self.total)
        if not self.halfway_told and done * 2 >= self.total and done < self.total:
            self.halfway_told = True
            _handshake(HALFWAY_STAGE)


def _embed_batches(
    todo: Sequence[_Item], embedder: Embedder, size: int, keep: _Keep, *, pooled: bool
) -> int:
    """Embed `todo` `size` texts at a time, each finished batch to `keep`.

    Returns how many pooled spans the encoder had to embed on their own (a chunk longer
    than the model window)."""
    import numpy as np

    total = len(todo)
    alone = 0
    keep.begin()
    for start in range(0, total, size):
        batch = todo[start : start + size]

        def tick(done: int, _: int, base: int = start) -> None:
            if keep.progress:
                keep.progress("embedding", base + done, total)

        texts = [item.text for item in batch]
        keys = [item.key for item in batch]
        if pooled:
            before = getattr(embedder, "spans_encoded_separately", 0)
            vectors, span_vectors = embedder.encode_with_spans(  # type: ignore[attr-defined]
                texts, [item.spans for item in batch], progress=tick
            )
            alone += getattr(embedder, "spans_encoded_separately", 0) - before
            keys += [key for item in batch for key in item.span_keys]
            fresh = np.concatenate([vectors, span_vectors]) if len(span_vectors) else vectors
        else:
            fresh = embedder.encode(texts, progress=tick)
        keep(keys, fresh, start + len(batch))
    return alone
