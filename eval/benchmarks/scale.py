"""`rag benchmark scale`: build 100k- and 1M-chunk indexes and measure them serving.

Real Reuters chunks are embedded once (cached); the larger corpora are SYNTHESISED from
them: perturbed copies of the real chunk vectors (eval/benchmarks/scale_data.py), with the
real chunk texts reused cyclically for BM25. Queries are real article titles embedded by
the model. Per size it reports the automatic index choice (index/store/ann.py), build time,
size on disk, RSS of a fresh serving process, p50/p95 of dense and hybrid search on one
thread, recall@10 against exact search, a 1%-filter check and an nprobe sweep.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_rag.eval.benchmarks.machine import disk_mb, load_average

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ProgressCallback = Callable[[str, int, int], None]
DEFAULT_SIZES = (100_000, 1_000_000)
DEFAULT_QUERIES = 200
# BM25 (bm25s) is built for sizes up to here: bm25s builds in memory, and at 1M chunk
# texts it took 138 s and a peak RSS of 4.0 GB on this machine (`rag benchmark lexical`,
# eval/RESULTS.md, 2026-12-05); the peak grows linearly (about 4 KB per text), so 10M would
# need about 40 GB.
HYBRID_MAX_SIZE = 1_000_000
# Hybrid recall@10 is scored against the fusion of the exact dense top-N and the BM25 top-N
# (bm25s is exact), with N the candidates hybrid search fuses (RetrievalSettings.candidates).
HYBRID_DEPTH = 50
# `ask` is timed on a real index generation (scale_index.py) up to this size. Measured
# (2026-12-05, float16 sentence vectors): 100k chunks built in 251 s with a 1.4 GB peak,
# 300k (135,000 articles, 1.35M sentences) in 395 s with a 4.2 GB peak and 2.5 GB on disk;
# both grow linearly, so 1M needs about 14 GB of memory and 8.4 GB of disk to build.
ASK_MAX_SIZE = 1_000_000
# Disk an `ask` generation takes per chunk: 2,511 MB for 301,185 chunks at 300k (8.34 kB;
# sentence vectors, meta.sqlite and vectors.npy are most of it), rounded up. A size whose
# generation would not fit in the work folder's free space is skipped, and the report says so.
ASK_BYTES_PER_CHUNK = 8_500
# The serving process gets this long per size before the benchmark gives up on it.
SERVE_TIMEOUT_S = 900
SYNTHETIC_NOTE = (
    "vectors past the real ones are synthetic: perturbed copies of real Reuters chunk "
    "vectors (noise norm {noise}, renormalised); BM25 texts are the real chunk texts reused "
    "cyclically; queries are real article titles embedded by the model; `ask` runs on a real "
    "generation of copies of the real articles whose sentence vectors are their chunk's "
    "synthetic vector, so only its timing and memory mean anything, not its answers"
)


@dataclass
class SizeResult:
    size: int
    factory: str
    nprobe: int | None
    refine: int
    synth_s: float
    build_s: float
    bm25_build_s: float | None
    index_mb: float
    vectors_mb: float
    bm25_mb: float | None
    serving: dict[str, Any] = field(default_factory=dict)
    ask_build_s: float | None = None
    ask: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ScaleReport:
    corpus: str
    real_chunks: int
    queries: int
    note: str
    load_average: dict[str, list[float]]  # 1/5/15-min load at start and end
    sizes: list[SizeResult]

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["sizes"] = [s.to_dict() for s in self.sizes]
        return data

    def to_markdown(self) -> str:
        lines = [
            f"Scale benchmark: {self.real_chunks} real chunks of {self.corpus}, "
            f"{self.queries} title queries; load average (1/5/15 min) {self.load_average}.",
            f"Note: {self.note}.",
            "",
            "| chunks | index | build s | index MB | vectors MB | serving RSS MB (anon/file)"
            " | dense p50/p95 ms | hybrid p50/p95 ms | recall@10 dense / hybrid"
            " | 1% filter: k / exact | ask p50/p95 ms (RSS MB) |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for s in self.sizes:
            v = s.serving
            mem = v.get("memory_serving_mb", {})
            hybrid = v.get("hybrid")
            filt = v.get("filtered", {})
            lines.append(
                f"| {s.size:,} | {_index_label(s)} | "
                f"{s.build_s:.1f} | {s.index_mb:.0f} | {s.vectors_mb:.0f} | "
                f"{mem.get('VmRSS')} ({mem.get('RssAnon')}/{mem.get('RssFile')}) | "
                f"{_pair(v.get('dense'))} | {_pair(hybrid) if hybrid else 'not built'} | "
                f"{v.get('recall_at_10')} / {v.get('hybrid_recall_at_10', '-')} | "
                f"{filt.get('returned_k')} / "
                f"{filt.get('equal_to_brute_force')} | {_ask_cell(s.ask)} |"
            )
        for s in self.sizes:
            sweep = s.serving.get("sweep") or []
            if sweep:
                cells = ", ".join(
                    f"{r['nprobe']}: {r['recall_at_10']:.3f} @ {r['p50_ms']:.2f} ms" for r in sweep
                )
                lines.append(f"\nnprobe sweep at {s.size:,} (recall@10 @ dense p50): {cells}")
        return "\n".join(lines)


def _index_label(result: SizeResult) -> str:
    if result.nprobe is None:
        return result.factory
    return f"{result.factory}, nprobe {result.nprobe}, refine x{result.refine}"


def _ask_cell(ask: dict[str, Any] | None) -> str:
    if not ask:
        return "not run"
    return f"{_pair(ask)} ({ask['memory_serving_mb'].get('VmRSS')})"


def _ask_fits(work_dir: Path, size: int, progress: ProgressCallback | None) -> bool:
    """Whether an `ask` generation of `size` chunks fits in `work_dir`'s free disk."""
    free = shutil.disk_usage(work_dir if work_dir.exists() else work_dir.parent).free
    needed = size * ASK_BYTES_PER_CHUNK
    if needed <= free:
        return True
    if progress:
        progress(
            f"ask at {size:,} skipped: needs {needed / 1e9:.1f} GB, {free / 1e9:.1f} free", 0, 1
        )
    return False


def _pair(value: dict[str, Any] | None) -> str:
    if not value:
        return "-"
    return f"{value['p50_ms']:.2f} / {value['p95_ms']:.2f}"


def exact_top_k(
    vectors: npt.NDArray[np.float32],
    queries: npt.NDArray[np.float32],
    k: int = 10,
    block: int = 65536,
) -> npt.NDArray[np.int64]:
    """Exact top-k ids per query by inner product, streamed over blocks of rows."""
    import numpy as np

    best_ids = np.full((len(queries), k), -1, dtype=np.int64)
    best = np.full((len(queries), k), -np.inf, dtype=np.float32)
    for start in range(0, len(vectors), block):
        scores = queries @ np.asarray(vectors[start : start + block]).T
        ids = np.arange(start, start + scores.shape[1], dtype=np.int64)
        merged = np.concatenate([best, scores], axis=1)
        merged_ids = np.concatenate([best_ids, np.broadcast_to(ids, scores.shape)], axis=1)
        top = np.argsort(-merged, axis=1, kind="stable")[:, :k]
        best = np.take_along_axis(merged, top, axis=1)
        best_ids = np.take_along_axis(merged_ids, top, axis=1)
    return best_ids


def build_size(
    folder: Path,
    size: int,
    real_vectors: npt.NDArray[np.float32],
    texts: Sequence[str],
    progress: ProgressCallback | None,
) -> SizeResult:
    """Write vectors.npy, vectors.faiss (automatic choice), bm25/ and manifest.json."""
    import faiss
    from news_rag.eval.benchmarks.scale_data import synthesize
    from news_rag.index.store.ann import build_index, choose_factory
    from news_rag.index.store.lexical import build_bm25, save_bm25
    from news_rag.index.store.vectors import load_vectors, save_vectors, write_faiss

    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    save_vectors(folder / "vectors.npy", synthesize(real_vectors, size))
    synth_s = time.perf_counter() - started
    vectors = load_vectors(folder / "vectors.npy", mmap=True)
    spec = choose_factory(size, int(vectors.shape[1]))
    if progress:
        progress(f"building {spec.factory} over {size:,}", 0, 1)
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    started = time.perf_counter()
    index = build_index(vectors, spec)
    write_faiss(index, folder / "vectors.faiss")
    build_s = time.perf_counter() - started
    del index
    manifest = {"faiss": spec.to_manifest(), "counts": {"chunks": size}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    bm25_s = None
    if size <= HYBRID_MAX_SIZE:
        started = time.perf_counter()
        cyclic = [texts[i % len(texts)] for i in range(size)]
        save_bm25(build_bm25(cyclic), folder / "bm25")
        bm25_s = time.perf_counter() - started
    del vectors
    if progress:
        progress(f"building {spec.factory} over {size:,}", 1, 1)
    return SizeResult(
        size=size,
        factory=spec.factory,
        nprobe=spec.nprobe,
        refine=spec.refine,
        synth_s=round(synth_s, 1),
        build_s=round(build_s, 1),
        bm25_build_s=round(bm25_s, 1) if bm25_s is not None else None,
        index_mb=disk_mb(folder / "vectors.faiss"),
        vectors_mb=disk_mb(folder / "vectors.npy"),
        bm25_mb=disk_mb(folder / "bm25") if bm25_s is not None else None,
    )


def serve_size(folder: Path, queries: Sequence[str], query_vectors: Any) -> dict[str, Any]:
    """Ground truth here, then the serving measurements in a fresh one-thread process."""
    import numpy as np
    from news_rag.index.store.vectors import load_vectors

    vectors = load_vectors(folder / "vectors.npy", mmap=True)
    exact = exact_top_k(vectors, query_vectors, k=HYBRID_DEPTH)
    np.save(folder / "truth.npy", np.ascontiguousarray(exact[:, :10]), allow_pickle=False)
    np.save(folder / "truth_depth.npy", exact, allow_pickle=False)
    np.save(folder / "query_vectors.npy", query_vectors, allow_pickle=False)
    (folder / "queries.json").write_text(json.dumps({"texts": list(queries)}), encoding="utf-8")
    del vectors
    return run_serving(folder)


def run_serving(folder: Path, *extra: str) -> dict[str, Any]:
    """Run scale_serve on `folder` in a fresh process with one thread; its JSON."""
    from news_rag.index.errors import RagError

    env = dict(os.environ)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = "1"
    command = [sys.executable, "-m", "news_rag.eval.benchmarks.scale_serve", str(folder), *extra]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=SERVE_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise RagError(f"{folder}: serving measurement ran past {SERVE_TIMEOUT_S} s") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RagError(f"{folder}: serving measurement failed ({last})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_scale_benchmark(
    sizes: Sequence[int],
    *,
    corpus: Path,
    work_dir: Path,
    queries: int = DEFAULT_QUERIES,
    keep: bool = False,
    ask: bool = True,
    progress: ProgressCallback | None = None,
) -> ScaleReport:
    from news_rag.eval.benchmarks.scale_data import NOISE_NORM, real_chunks
    from news_rag.eval.benchmarks.scale_index import build_ask_index
    from news_rag.index.encoders.minilm import default_embedder

    load_start = load_average()
    embedder = default_embedder()
    real = real_chunks(corpus, embedder, progress)
    results = []
    for n, size in enumerate(sizes, 1):
        folder = work_dir / f"scale-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        try:
            result = build_size(folder, size, real.vectors, real.texts, progress)
            if progress:
                progress(f"serving {size:,}", 0, 1)
            result.serving = serve_size(
                folder, real.queries[:queries], real.query_vectors[:queries]
            )
            if ask and size <= ASK_MAX_SIZE and _ask_fits(work_dir, size, progress):
                if progress:
                    progress(f"ask index of {size:,}", 0, 1)
                started = time.perf_counter()
                build_ask_index(folder / "ask-index", corpus, embedder, real.vectors, size)
                result.ask_build_s = round(time.perf_counter() - started, 1)
                result.ask = run_serving(folder, "ask")
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
        results.append(result)
        if progress:
            progress("sizes", n, len(sizes))
    return ScaleReport(
        corpus=str(corpus),
        real_chunks=len(real.texts),
        queries=min(queries, len(real.queries)),
        note=SYNTHETIC_NOTE.format(noise=NOISE_NORM),
        load_average={"start": load_start, "end": load_average()},
        sizes=results,
    )
