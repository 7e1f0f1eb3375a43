"""The serving half of `rag benchmark scale`, run in a fresh process so its RSS is its own.

`python -m news_rag.eval.benchmarks.scale_serve DIR` opens DIR's index the way a reader
does (FAISS index read, vectors.npy and BM25 memory-mapped), runs the queries in
DIR/queries.json through `Retriever.search` on one thread, and prints one JSON object:
latencies, recall@10 against DIR/truth.npy (exact top-10), hybrid recall@10 against the
fusion of the exact dense top-50 and BM25 (DIR/truth_depth.npy), a filtered-search check, an
nprobe sweep and the process's memory (VmRSS, RssAnon, RssFile, VmHWM).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any, cast

from news_rag.eval.benchmarks.machine import memory

K = 10
WARMUP = 5
SWEEP_NPROBES = (8, 16, 32, 64, 128, 256)
# The filtered-search check keeps this share of the chunks (a selective filter).
FILTER_SHARE = 0.01
ASK_QUESTIONS = 100


class ScaleReader:
    """The part of IndexReader that Retriever.search uses, over bare benchmark files."""

    def __init__(self, folder: Path) -> None:
        from news_rag.index.store.lexical import load_bm25
        from news_rag.index.store.vectors import load_vectors, read_faiss

        self.manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text())
        self._faiss = read_faiss(folder / "vectors.faiss")
        self._vectors = load_vectors(folder / "vectors.npy", mmap=True)
        bm25 = folder / "bm25"
        self._bm25 = load_bm25(bm25, mmap=True) if bm25.is_dir() else None

    def faiss_index(self) -> Any:
        return self._faiss

    def vectors(self) -> Any:
        return self._vectors

    def bm25(self) -> Any:
        return self._bm25

    def chunk_count(self) -> int:
        return len(self._vectors)


def _ms(fn: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - start) * 1000


def serve(folder: Path) -> dict[str, Any]:
    import faiss
    import numpy as np
    from news_rag.eval.metrics import percentile
    from news_rag.index.encoders.minilm import Embedder
    from news_rag.index.store.reader import IndexReader
    from news_rag.rag.retrieve import Retriever
    from news_rag.rag.settings import RetrievalSettings

    faiss.omp_set_num_threads(1)
    started = time.perf_counter()
    reader = ScaleReader(folder)
    open_s = time.perf_counter() - started
    after_open = memory()
    queries = json.loads((folder / "queries.json").read_text())
    texts: list[str] = queries["texts"]
    vectors = np.load(folder / "query_vectors.npy", allow_pickle=False)
    truth = np.load(folder / "truth.npy", allow_pickle=False)
    retriever = Retriever(cast(IndexReader, reader), cast(Embedder, None))
    modes = ["dense"] + (["hybrid"] if reader.bm25() is not None else [])
    result: dict[str, Any] = {"open_s": round(open_s, 2), "memory_after_open_mb": after_open}
    for mode in modes:
        settings = RetrievalSettings(mode=mode)
        for text, vector in list(zip(texts, vectors, strict=True))[:WARMUP]:
            retriever.search(text, K, settings, query_vector=vector)
        times: list[float] = []
        hits: list[list[int]] = []
        for text, vector in zip(texts, vectors, strict=True):
            found, ms = _ms(lambda t=text, v=vector, s=settings: retriever.search(t, K, s, None, v))
            times.append(ms)
            hits.append([h.chunk_id for h in found])
        result[mode] = {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95)}
        if mode == "dense":
            result["recall_at_10"] = _recall(hits, truth)
        else:
            exact = _exact_hybrid(retriever, texts, folder, settings)
            result["hybrid_recall_at_10"] = _recall(hits, exact)
    result["sweep"] = _sweep(retriever, reader, vectors, truth)
    result["memory_serving_mb"] = memory()  # after every unfiltered query above
    # a selective filter is searched exactly through the memory map (index/store/ann.py)
    result["filtered"] = _filtered(retriever, reader, vectors)
    result["memory_after_filtered_mb"] = memory()
    return result


def _recall(hits: list[list[int]], truth: Any) -> float:
    found = sum(len(set(h) & {int(t) for t in row}) for h, row in zip(hits, truth, strict=True))
    return round(found / truth.size, 4)


def _exact_hybrid(retriever: Any, texts: list[str], folder: Path, settings: Any) -> Any:
    """Per query, the top-10 of the fusion of the exact dense top-N (DIR/truth_depth.npy)
    and the BM25 top-N (bm25s scores every chunk, so its list is exact)."""
    import numpy as np
    from news_rag.rag.retrieve import fuse

    depth = np.load(folder / "truth_depth.npy", allow_pickle=False)
    rows = []
    for text, dense_ids in zip(texts, depth, strict=True):
        dense = [(int(i), 0.0) for i in dense_ids]
        lexical = retriever.bm25_search(text, len(dense_ids), None)
        rows.append([c.chunk_id for c in fuse(dense, lexical, settings)[:K]])
    return np.asarray(rows, dtype=np.int64)


def _filtered(retriever: Any, reader: ScaleReader, vectors: Any) -> dict[str, Any]:
    """A 1% filter: every search returns k, and how often it equals brute force."""
    import numpy as np
    from news_rag.eval.metrics import percentile
    from news_rag.index.store.ann import exact_search

    rng = np.random.default_rng(3)
    total = reader.chunk_count()
    allowed = np.sort(rng.choice(total, max(K, int(total * FILTER_SHARE)), replace=False))
    allowed_list = allowed.tolist()
    full, same, times = 0, 0, []
    for vector in vectors[:50]:
        found, ms = _ms(lambda v=vector: retriever.dense_search(v, K, allowed_list))
        times.append(ms)
        full += len(found) == K
        exact = exact_search(reader.vectors(), vector, K, allowed)
        same += [i for i, _ in found] == [i for i, _ in exact]
    n = min(50, len(vectors))
    return {
        "allowed": len(allowed_list),
        "returned_k": f"{full}/{n}",
        "equal_to_brute_force": f"{same}/{n}",
        "p50_ms": percentile(times, 50),
    }


def _sweep(retriever: Any, reader: ScaleReader, vectors: Any, truth: Any) -> list[dict[str, Any]]:
    """recall@10 and dense p50 per nprobe (IVF only): how the default was chosen."""
    from news_rag.eval.metrics import percentile
    from news_rag.rag.settings import RetrievalSettings

    if not reader.manifest["faiss"].get("nprobe"):
        return []
    rows = []
    for nprobe in SWEEP_NPROBES:
        settings = RetrievalSettings(mode="dense", nprobe=nprobe)
        times: list[float] = []
        hits: list[list[int]] = []
        for vector in vectors:
            found, ms = _ms(lambda v=vector, s=settings: retriever.dense_search(v, K, None, s))
            times.append(ms)
            hits.append([i for i, _ in found])
        rows.append(
            {
                "nprobe": nprobe,
                "recall_at_10": _recall(hits, truth),
                "p50_ms": percentile(times, 50),
            }
        )
    return rows


def serve_ask(index_dir: Path, queries: list[str]) -> dict[str, Any]:
    """`Assistant.ask` p50/p95 on one thread, warm, and the RSS of the process afterwards."""
    import faiss
    from news_rag.eval.metrics import percentile
    from news_rag.rag import Assistant

    faiss.omp_set_num_threads(1)
    assistant = Assistant.open(index_dir)
    started = time.perf_counter()
    assistant.load()
    load_s = time.perf_counter() - started
    torch = sys.modules.get("torch")  # only a torch query encoder imports it: not imported here
    if torch is not None:
        torch.set_num_threads(1)
    after_load = memory()
    for question in queries[:WARMUP]:
        assistant.ask(question)
    times: list[float] = []
    retrieve: list[float] = []
    for question in queries:
        answer, ms = _ms(lambda q=question: assistant.ask(q))
        times.append(ms)
        retrieve.append(float((answer.timings_ms or {}).get("retrieve", 0.0)))
    return {
        "questions": len(times),
        "load_s": round(load_s, 2),
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "mean_retrieve_ms": round(sum(retrieve) / len(retrieve), 2),
        "memory_after_load_mb": after_load,
        "memory_serving_mb": memory(),
    }


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    folder = Path(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] == "ask":
        queries = json.loads((folder / "queries.json").read_text())["texts"]
        print(json.dumps(serve_ask(folder / "ask-index", queries[:ASK_QUESTIONS])))
        return
    print(json.dumps(serve(folder)))


if __name__ == "__main__":
    main()
