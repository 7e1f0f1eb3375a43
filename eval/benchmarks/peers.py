"""Peer pipelines run side by side with ours, on the same article texts and embedder.

1. "LangChain default": what most users would write: `RecursiveCharacterTextSplitter()` at
   its defaults (chunk_size=4000 characters, chunk_overlap=200), `HuggingFaceEmbeddings`
   over the same all-MiniLM-L6-v2 weights (a local path, never downloaded) and a
   `langchain_community` `FAISS` vector store searched with `similarity_search_with_score`.
2. "bm25s plain": the bm25s README defaults on whole documents:
   `bm25s.tokenize(texts, stopwords="en")`, `BM25().index(...)`, `retrieve(...)`.

These libraries belong to the `bench` extra and are imported only inside these functions.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from news_rag.eval.benchmarks.beir import BeirDataset
from news_rag.eval.benchmarks.beir_scores import (
    CHUNK_DEPTH,
    Latency,
    SystemResult,
    limited,
    timed_rankings,
)
from news_rag.eval.benchmarks.scoring import score_run
from news_rag.index.errors import RagError

ProgressCallback = Callable[[str, int, int], None]
BENCH_HINT = "pip install 'news-rag[bench]'"
EMBED_BATCH = 256


class MissingBenchExtraError(RagError):
    """A peer library of the `bench` extra is not installed."""


def _require(module: str) -> Any:
    import importlib

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return importlib.import_module(module)
    except ImportError as exc:
        package = module.split(".", maxsplit=1)[0].replace("_", "-")
        raise MissingBenchExtraError(
            f"the peer comparison needs {package}; run: {BENCH_HINT}"
        ) from exc


def langchain_embeddings() -> Any:
    """LangChain's `HuggingFaceEmbeddings` on the bundled MiniLM, its weights hash-checked,
    with the hub offline: what every LangChain peer embeds with."""
    from news_rag.index.encoders.minilm import bundled_model_path, verify_weights

    huggingface = _require("langchain_huggingface")
    model_dir = bundled_model_path()
    verify_weights(model_dir)
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    return huggingface.HuggingFaceEmbeddings(model_name=str(model_dir))


def check_bench_extra() -> None:
    """Fail early, with the install command, when a peer library is missing."""
    for module in (
        "langchain_community.vectorstores",
        "langchain_huggingface",
        "langchain_text_splitters",
        "bm25s",
    ):
        _require(module)


class LangChainFaissPeer:
    """LangChain's default recipe: recursive character splits, HF embeddings, FAISS."""

    name = "peer LangChain default (FAISS, 4000-char chunks)"

    def __init__(self) -> None:
        self._store: Any = None

    def index(
        self, documents: Sequence[tuple[str, str]], progress: ProgressCallback | None = None
    ) -> int:
        """Split and embed (id, text) documents; returns the number of chunks."""
        splitters = _require("langchain_text_splitters")
        vectorstores = _require("langchain_community.vectorstores")
        documents_module = _require("langchain_core.documents")
        embeddings = langchain_embeddings()
        splitter = splitters.RecursiveCharacterTextSplitter()
        docs = [
            documents_module.Document(page_content=text, metadata={"id": doc_id})
            for doc_id, text in documents
        ]
        chunks = splitter.split_documents(docs)
        for start in range(0, len(chunks), EMBED_BATCH):
            batch = chunks[start : start + EMBED_BATCH]
            if self._store is None:
                self._store = vectorstores.FAISS.from_documents(batch, embeddings)
            else:
                self._store.add_documents(batch)
            if progress:
                progress("LangChain embedding", min(start + EMBED_BATCH, len(chunks)), len(chunks))
        return len(chunks)

    def search(self, query: str, k: int = 100) -> list[str]:
        """Article ids of the top chunks (each at its best rank)."""
        if self._store is None:
            raise RagError("the LangChain peer has no index; call index() first")
        hits = self._store.similarity_search_with_score(query, k=k)
        return list(dict.fromkeys(str(doc.metadata["id"]) for doc, _ in hits))


class Bm25sPeer:
    """bm25s with its README defaults, one entry per whole document."""

    name = "peer bm25s plain (README defaults)"

    def __init__(self) -> None:
        self._retriever: Any = None
        self._ids: list[str] = []

    def index(
        self, documents: Sequence[tuple[str, str]], progress: ProgressCallback | None = None
    ) -> int:
        bm25s = _require("bm25s")
        self._ids = [doc_id for doc_id, _ in documents]
        tokens = bm25s.tokenize(
            [text for _, text in documents], stopwords="en", show_progress=False
        )
        self._retriever = bm25s.BM25()
        self._retriever.index(tokens, show_progress=False)
        if progress:
            progress("bm25s indexing", 1, 1)
        return len(documents)

    def search(self, query: str, k: int = 100) -> list[str]:
        if self._retriever is None:
            raise RagError("the bm25s peer has no index; call index() first")
        bm25s = _require("bm25s")
        tokens = bm25s.tokenize(query, stopwords="en", show_progress=False)
        results, _ = self._retriever.retrieve(tokens, k=min(k, len(self._ids)), show_progress=False)
        return [self._ids[int(i)] for i in results[0]]


def make_peers() -> list[LangChainFaissPeer | Bm25sPeer]:
    check_bench_extra()
    return [LangChainFaissPeer(), Bm25sPeer()]


def indexed_documents(index_dir: Path) -> list[tuple[str, str]]:
    """(article id, cleaned text) of every article in our index: peers see the same text."""
    from news_rag.index.store.reader import IndexReader

    reader = IndexReader.open(index_dir)
    try:
        return [(a.id, a.text) for a in sorted(reader.articles().values(), key=lambda a: a.id)]
    finally:
        reader.close()


def score_peers_on_beir(
    dataset: BeirDataset,
    index_dir: Path,
    limit_queries: int | None = None,
    progress: ProgressCallback | None = None,
) -> list[SystemResult]:
    """Index the corpus with each peer and score it like our modes (SystemResult rows)."""
    documents = indexed_documents(index_dir)
    queries = limited(dataset, limit_queries)
    qrels = {q: dataset.qrels[q] for q in queries}
    results = []
    for peer in make_peers():
        started = time.perf_counter()
        chunks = peer.index(documents, progress)
        build_s = time.perf_counter() - started
        depth = CHUNK_DEPTH if isinstance(peer, LangChainFaissPeer) else 100
        rankings, latencies = timed_rankings(
            partial(_top_documents, peer, depth), queries, progress, peer.name
        )
        results.append(
            SystemResult(
                system=peer.name,
                kind="peer",
                scores=score_run(rankings, qrels),
                latency=Latency.of(latencies),
                extra={"index_seconds": round(build_s, 1), "indexed_units": chunks},
            )
        )
    return results


def _top_documents(peer: LangChainFaissPeer | Bm25sPeer, depth: int, query: str) -> list[str]:
    return peer.search(query, depth)[:100]
