"""The child processes of `rag benchmark lexical`: one build or one serving run each.

`python -m news_rag.eval.benchmarks.lexical_scale_run build BACKEND SIZE POOL DIR` writes
SIZE synthetic chunk texts' lexical index (BACKEND: bm25s or fts5) into DIR and prints one
JSON object (seconds, peak RSS, size on disk); `... serve BACKEND POOL DIR K` opens it as
the reader does (bm25s memory-mapped, FTS5 read-only), runs the pool's queries through
`lexical_search` for the top K on one thread and prints latencies and RSS. Each runs in a
fresh process so that its peak and serving RSS are its own.

The texts are SYNTHETIC: text i is `counts[i mod R]` sentences drawn at random (seeded)
from the sentence pool of the real corpus, joined by spaces, where `counts` is the number
of sentences in each of the R real chunks. So lengths and term frequencies follow the real
chunks, and no two texts are copies of each other (as cyclic reuse would make them), but
the vocabulary is the real corpus's.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from news_rag.eval.benchmarks.machine import disk_mb, memory

SEED = 20261205
GENERATE_BATCH = 65536
WARMUP = 5
HITS_KEPT = 10  # top ids per query written for the agreement between backends


def synthetic_texts(pool: dict[str, Any], n: int, seed: int = SEED) -> Iterator[str]:
    """n texts of pool sentences mixed at random, with the real chunks' sentence counts."""
    import numpy as np

    sentences: list[str] = pool["sentences"]
    counts = np.asarray(pool["counts"], dtype=np.int64)
    rng = np.random.default_rng(seed)
    for start in range(0, n, GENERATE_BATCH):
        stop = min(n, start + GENERATE_BATCH)
        sizes = counts[np.arange(start, stop) % len(counts)]
        picks = rng.integers(0, len(sentences), size=int(sizes.sum())).tolist()
        at = 0
        for size in sizes.tolist():
            yield " ".join(sentences[j] for j in picks[at : at + size])
            at += size


def _report(label: str, done: int, total: int) -> None:
    """A progress line on stderr that the parent passes on ("PROGRESS label done total")."""
    print(f"PROGRESS {label}\t{done}\t{total}", file=sys.stderr, flush=True)


def build(backend: str, size: int, pool: dict[str, Any], folder: Path) -> dict[str, Any]:
    from news_rag.eval.benchmarks.lexical_fts import FTS_FILE, build_fts
    from news_rag.index.store.lexical import build_bm25, save_bm25

    folder.mkdir(parents=True, exist_ok=True)
    if backend == "fts5":
        started = time.perf_counter()
        count = build_fts(
            folder / FTS_FILE,
            synthetic_texts(pool, size),
            progress=lambda done: _report("fts5 build", done, size),
        )
        build_s = time.perf_counter() - started
        return {
            "texts": count,
            "build_s": round(build_s, 1),
            "memory_mb": memory(),
            "disk_mb": disk_mb(folder / FTS_FILE),
        }
    started = time.perf_counter()
    texts = []
    for text in synthetic_texts(pool, size):
        texts.append(text)
        if len(texts) % GENERATE_BATCH == 0:
            _report("bm25s texts", len(texts), size)
    generate_s = time.perf_counter() - started
    _report("bm25s tokenize+index (one call)", 0, 1)
    started = time.perf_counter()
    retriever = build_bm25(texts)
    index_s = time.perf_counter() - started
    started = time.perf_counter()
    save_bm25(retriever, folder / "bm25")
    save_s = time.perf_counter() - started
    return {
        "texts": len(texts),
        "generate_s": round(generate_s, 1),
        "build_s": round(index_s + save_s, 1),
        "save_s": round(save_s, 1),
        "memory_mb": memory(),
        "disk_mb": disk_mb(folder / "bm25"),
    }


def serve(backend: str, pool: dict[str, Any], folder: Path, k: int) -> dict[str, Any]:
    from news_rag.eval.benchmarks.lexical_fts import FTS_FILE, load_fts
    from news_rag.eval.metrics import percentile
    from news_rag.index.store.lexical import lexical_search, load_bm25, tokenize_query

    before = memory()
    started = time.perf_counter()
    index: Any = load_fts(folder / FTS_FILE) if backend == "fts5" else None
    if index is None:
        index = load_bm25(folder / "bm25", mmap=True)
    open_s = time.perf_counter() - started
    after_open = memory()
    count = index.count if backend == "fts5" else int(index.scores["num_docs"])
    queries: list[str] = pool["queries"]
    tokens = [tokenize_query(q) for q in queries]
    for query in tokens[:WARMUP]:
        lexical_search(index, query, k, None, count)
    times: list[float] = []
    hits: list[list[int]] = []
    for n, query in enumerate(tokens, 1):
        started = time.perf_counter()
        found = lexical_search(index, query, k, None, count)
        times.append((time.perf_counter() - started) * 1000)
        hits.append([i for i, _ in found[:HITS_KEPT]])
        if n % 50 == 0:
            _report(f"{backend} queries", n, len(tokens))
    (folder / f"hits-{backend}.json").write_text(json.dumps(hits), encoding="utf-8")
    return {
        "queries": len(times),
        "k": k,
        "open_s": round(open_s, 2),
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "max_ms": round(max(times), 2),
        "memory_before_open_mb": before,
        "memory_after_open_mb": after_open,
        "memory_serving_mb": memory(),
    }


def main() -> None:
    verb, backend = sys.argv[1], sys.argv[2]
    if verb == "build":
        pool = json.loads(Path(sys.argv[4]).read_text(encoding="utf-8"))
        result = build(backend, int(sys.argv[3]), pool, Path(sys.argv[5]))
    else:
        pool = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
        result = serve(backend, pool, Path(sys.argv[4]), int(sys.argv[5]))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
