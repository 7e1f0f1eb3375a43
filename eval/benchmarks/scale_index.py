"""A real index generation of N chunks for timing `ask` at scale (`rag benchmark scale --ask`).

The real Reuters articles are cleaned, chunked and sentence-split once; the generation
holds `copies` copies of them (article ids suffixed "~c"), so meta.sqlite, BM25 and the
read path are the real ones. Chunk vectors are the synthetic perturbed copies
(scale_data.synthesize, row c * R + j is copy c of real chunk j). SYNTHETIC sentence
vectors: each sentence gets its chunk's vector (the real sentence vectors would need
every sentence of every copy embedded), so the answers' wording is not meaningful; only
the timing of the whole `ask` path is.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import Embedder
    from news_rag.index.types import Article, Chunk


def _real_articles(corpus: Path, embedder: Embedder) -> tuple[list[Article], list[Chunk]]:
    from news_rag.index.chunk import Chunker, ChunkerConfig
    from news_rag.index.clean.article import clean_article
    from news_rag.index.load.loaders import load_file
    from news_rag.index.types import Article

    raws, _ = load_file(corpus)
    chunker = Chunker(embedder.count_tokens, ChunkerConfig())
    articles: list[Article] = []
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for raw in raws:
        article = clean_article(raw, article_id=raw.key)
        if not isinstance(article, Article) or article.id in seen:
            continue
        seen.add(article.id)
        articles.append(article)
        chunks.extend(chunker.split(article))
    return articles, chunks


def build_ask_index(
    index_dir: Path,
    corpus: Path,
    embedder: Embedder,
    real_vectors: npt.NDArray[np.float32],
    size: int,
    factory: str | None = None,
) -> int:
    """Publish one generation of about `size` chunks into `index_dir`; returns the count."""
    from news_rag.eval.benchmarks.scale_data import synthesize
    from news_rag.index.chunk import ChunkerConfig
    from news_rag.index.hashing import text_hash
    from news_rag.index.sentences import split_sentences
    from news_rag.index.store.ann import build_index, resolve_spec
    from news_rag.index.store.database import SentenceSpan, write_database
    from news_rag.index.store.diskwrite import writing
    from news_rag.index.store.lexical import BM25_CONFIG, build_bm25, save_bm25
    from news_rag.index.store.publish import drafting, publish_generation, write_lock
    from news_rag.index.store.vectors import save_vectors, write_faiss
    from news_rag.index.write import SENTENCE_VECTOR_DTYPE

    articles, real_chunks = _real_articles(corpus, embedder)
    if len(real_chunks) != len(real_vectors):
        raise ValueError(f"{corpus}: {len(real_chunks)} chunks but {len(real_vectors)} vectors")
    copies = max(1, -(-size // len(real_chunks)))
    spans_of = {a.id: split_sentences(a.text) for a in articles}
    sentence_hashes = {
        a.id: {(s, e): text_hash(a.text[s:e]) for s, e in spans_of[a.id]} for a in articles
    }
    all_articles: list[Article] = []
    chunks: list[Chunk] = []
    sentences: list[SentenceSpan] = []
    sentence_rows: list[int] = []  # the chunk row whose vector each sentence borrows
    for c in range(copies):
        rename = {a.id: f"{a.id}~{c}" for a in articles}
        offset = c * len(real_chunks)
        first_chunk: dict[str, list[tuple[int, int, int]]] = {}
        for j, chunk in enumerate(real_chunks):
            chunks.append(replace(chunk, article_id=rename[chunk.article_id]))
            first_chunk.setdefault(chunk.article_id, []).append(
                (chunk.char_start, chunk.char_end, offset + j)
            )
        for article in articles:
            new_id = rename[article.id]
            hashes = sentence_hashes[article.id]
            all_articles.append(
                replace(article, id=new_id, source_path=f"{article.source_path}#{c}")
            )
            spans = first_chunk.get(article.id, [])
            for start, end in spans_of[article.id]:
                sentences.append(SentenceSpan(new_id, start, end, hashes[(start, end)]))
                row = next((r for s, e, r in spans if s <= start < e), spans[0][2] if spans else 0)
                sentence_rows.append(row)
    vectors = synthesize(real_vectors, len(chunks))
    spec = resolve_spec(factory, len(vectors), int(vectors.shape[1]))

    def write_files(tmp: Path) -> None:
        save_vectors(tmp / "vectors.npy", vectors)
        save_vectors(tmp / "sentence_vectors.npy", vectors[sentence_rows], SENTENCE_VECTOR_DTYPE)
        write_faiss(build_index(vectors, spec), tmp / "vectors.faiss")
        chunk_hashes = [text_hash(c.text) for c in chunks]
        write_database(
            tmp / "meta.sqlite", all_articles, chunks, chunk_hashes, [], [], (), sentences
        )
        save_bm25(build_bm25([c.text for c in chunks]), tmp / "bm25")

    manifest: dict[str, Any] = {
        "model": {
            "name": embedder.name,
            "weights_sha256": embedder.weights_sha256,
            "dimension": embedder.dimension,
            "max_tokens": embedder.max_tokens,
        },
        "chunker": ChunkerConfig().to_dict(),
        "faiss": spec.to_manifest(),
        "bm25": BM25_CONFIG,
        "counts": {
            "articles": len(all_articles),
            "chunks": len(chunks),
            "sentences": len(sentences),
            "sources": 0,
        },
    }
    index_dir.mkdir(parents=True, exist_ok=True)
    with write_lock(index_dir), drafting(index_dir, None) as draft:
        with writing(draft.path):
            write_files(draft.path)
        publish_generation(draft, manifest)
    return len(chunks)
