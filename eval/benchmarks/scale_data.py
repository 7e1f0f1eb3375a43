"""Data for `rag benchmark scale`: real Reuters chunks embedded once, then synthetic copies.

The real part: Reuters articles are cleaned and chunked with the project's chunker and
embedded with the real model; article titles, embedded the same way, are the queries. The
result is cached (an .npz without pickles plus a JSON of texts) so the model runs once.

The synthetic part: a corpus of N vectors is made of perturbed copies of the real chunk
vectors (row i copies real chunk i mod R, plus Gaussian noise, renormalised). The texts
for BM25 are the real chunk texts reused cyclically. This is stated in every report.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.index.store.diskwrite import writing

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import Embedder

ProgressFn = Any
DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "reuters-1000.jsonl.gz"
# Noise added to each copy, as the norm of the whole (isotropic Gaussian) noise vector
# relative to the unit vector. 0.96 puts a copy at cosine 1/sqrt(1 + 0.96^2) = 0.72 to its
# original: the median cosine between a real Reuters chunk and its nearest other chunk
# (0.722, measured on the 2,236 chunks of reuters-1000). So each copy is as far from its
# source as real neighbours are from each other; smaller noise (0.35, cosine 0.94) made
# tight clumps that any IVF index finds (recall 0.99 at nprobe 8) and flattered the index.
NOISE_NORM = 0.96
SEED = 20261129


@dataclass(frozen=True)
class RealChunks:
    corpus: str
    texts: list[str]
    vectors: npt.NDArray[np.float32]  # (R, dim), normalized
    queries: list[str]
    query_vectors: npt.NDArray[np.float32]


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return Path(user_cache_path("news-rag")) / "benchmarks" / "scale"


def _chunk_corpus(corpus: Path, embedder: Embedder) -> tuple[list[str], list[str]]:
    from news_rag.index.chunk import Chunker, ChunkerConfig
    from news_rag.index.clean.article import clean_article
    from news_rag.index.load.loaders import load_file
    from news_rag.index.types import Article

    raws, _ = load_file(corpus)
    chunker = Chunker(embedder.count_tokens, ChunkerConfig())
    texts: list[str] = []
    titles: list[str] = []
    for raw in raws:
        article = clean_article(raw, article_id=raw.key)
        if not isinstance(article, Article):
            continue
        texts.extend(c.text for c in chunker.split(article))
        if article.title and len(article.title.split()) >= 3:
            titles.append(article.title)
    return texts, titles


def real_chunks(corpus: Path, embedder: Embedder, progress: ProgressFn | None = None) -> RealChunks:
    """Chunks and title queries of `corpus`, embedded by `embedder` (cached on disk)."""
    import numpy as np

    digest = hashlib.sha256(
        f"{corpus.resolve()}:{corpus.stat().st_size}:{embedder.name}:"
        f"{embedder.weights_sha256}".encode()
    ).hexdigest()[:16]
    base = cache_dir() / f"real-{digest}"
    arrays, meta = base.with_suffix(".npz"), base.with_suffix(".json")
    if arrays.is_file() and meta.is_file():
        data = json.loads(meta.read_text(encoding="utf-8"))
        with np.load(arrays, allow_pickle=False) as saved:
            return RealChunks(
                str(corpus), data["texts"], saved["vectors"], data["queries"], saved["queries"]
            )
    texts, queries = _chunk_corpus(corpus, embedder)

    def tick(done: int, total: int) -> None:
        if progress:
            progress("embedding real chunks", done, total)

    vectors = embedder.encode(texts, progress=tick)
    query_vectors = embedder.encode(queries)
    base.parent.mkdir(parents=True, exist_ok=True)
    with writing(arrays), arrays.open("wb") as handle:
        np.savez(handle, vectors=vectors, queries=query_vectors)
    with writing(meta):
        meta.write_text(json.dumps({"texts": texts, "queries": queries}), encoding="utf-8")
    return RealChunks(str(corpus), texts, vectors, queries, query_vectors)


def synthesize(
    real: npt.NDArray[np.float32], n: int, *, seed: int = SEED, batch: int = 65536
) -> npt.NDArray[np.float32]:
    """n perturbed copies: row i = normalize(real[i mod R] + noise), noise norm ~NOISE_NORM."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rows, dim = real.shape
    out = np.empty((n, dim), dtype=np.float32)
    sigma = NOISE_NORM / np.sqrt(dim)
    for start in range(0, n, batch):
        stop = min(n, start + batch)
        block = real[np.arange(start, stop) % rows].copy()
        if start >= rows:  # the first R rows are the real vectors themselves
            block += rng.normal(0.0, sigma, size=block.shape).astype(np.float32)
        else:
            tail = max(0, stop - rows)
            if tail:
                noise = rng.normal(0.0, sigma, size=(tail, dim)).astype(np.float32)
                block[stop - start - tail :] += noise
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:stop] = block
    return out
