"""`rag benchmark lexical`: bm25s and SQLite FTS5 over 1M+ synthetic chunk texts.

Per size and backend, a fresh process builds the lexical index (build time, peak RSS, size
on disk) and another opens it as the reader does and runs the real article titles of the
corpus as queries (top-k p50/p95 on one thread, RSS after open and after the queries).
The texts are synthetic mixes of real sentences (lexical_scale_run.synthetic_texts). Where
both backends ran at one size, their top-10 agreement is reported too.
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
from typing import Any

from news_rag.eval.benchmarks.machine import load_average

ProgressCallback = Callable[[str, int, int], None]
BACKENDS = ("bm25s", "fts5")
DEFAULT_SIZES = (1_000_000,)
DEFAULT_QUERIES = 200  # as `rag benchmark scale`
# The per-retriever list length that hybrid search asks for (RetrievalSettings.candidates).
DEFAULT_K = 50
# bm25s builds in memory: at 1M texts its peak RSS was 4.0 GB on this machine (142 MB at
# 20k; eval/RESULTS.md, "Lexical indexes at 1M"), about 4 KB per text, so 10M would need
# about 40 GB; larger sizes are skipped (and said so) unless --bm25s-max raises this.
BM25S_MAX_SIZE = 1_000_000
# Each child gets this long before the benchmark gives up on it (a 10M FTS5 build is the
# slowest step measured: see eval/RESULTS.md).
CHILD_TIMEOUT_S = 4 * 3600
NOTE = (
    "texts are synthetic: each is as many sentences as real chunk i mod R has, drawn at "
    "random (seeded) from the sentences of the corpus's real chunks; queries are the "
    "corpus's article titles; times are one thread, warm"
)


@dataclass
class BackendRun:
    backend: str
    size: int
    build: dict[str, Any] = field(default_factory=dict)
    serve: dict[str, Any] = field(default_factory=dict)
    skipped: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class LexicalReport:
    corpus: str
    real_chunks: int
    pool_sentences: int
    queries: int
    k: int
    note: str
    load_average: dict[str, list[float]]
    runs: list[BackendRun]
    agreement: dict[str, float] = field(default_factory=dict)  # size -> top-10 overlap

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["runs"] = [r.to_dict() for r in self.runs]
        return data

    def to_markdown(self) -> str:
        lines = [
            f"Lexical benchmark: {self.pool_sentences:,} sentences of {self.real_chunks:,} "
            f"real chunks of {self.corpus}; {self.queries} title queries, top {self.k}; "
            f"load average (1/5/15 min) {self.load_average}.",
            f"Note: {self.note}.",
            "",
            "| texts | backend | build s | peak RSS MB (build) | disk MB | open s "
            "| RSS MB after open (anon/file) | RSS MB serving (anon/file) | p50 / p95 / max ms |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for run in self.runs:
            if run.skipped:
                lines.append(f"| {run.size:,} | {run.backend} | skipped: {run.skipped} |")
                continue
            b, s = run.build, run.serve
            lines.append(
                f"| {run.size:,} | {run.backend} | {b['build_s']} | "
                f"{b['memory_mb']['VmHWM']:,.0f} | {b['disk_mb']:,.0f} | {s['open_s']} | "
                f"{_rss(s['memory_after_open_mb'])} | {_rss(s['memory_serving_mb'])} | "
                f"{s['p50_ms']:.2f} / {s['p95_ms']:.2f} / {s['max_ms']:.0f} |"
            )
        for size, overlap in self.agreement.items():
            lines.append(f"\nTop-10 overlap bm25s vs FTS5 at {int(size):,}: {overlap:.3f}")
        return "\n".join(lines)


def _rss(mem: dict[str, float]) -> str:
    return f"{mem['VmRSS']:,.0f} ({mem['RssAnon']:,.0f}/{mem['RssFile']:,.0f})"


def sentence_pool(corpus: Path) -> dict[str, Any]:
    """The real chunks' sentences, each chunk's sentence count, and the title queries."""
    from news_rag.eval.benchmarks.scale_data import _chunk_corpus
    from news_rag.index.encoders.minilm import default_embedder
    from news_rag.index.sentences import split_sentences

    texts, titles = _chunk_corpus(corpus, default_embedder())
    sentences: list[str] = []
    counts: list[int] = []
    for text in texts:
        spans = split_sentences(text)
        sentences.extend(text[s:e] for s, e in spans)
        counts.append(len(spans))
    return {"sentences": sentences, "counts": counts, "queries": titles}


def _child(args: Sequence[str], progress: ProgressCallback | None) -> dict[str, Any]:
    """Run lexical_scale_run with `args` (nice'd like the caller); pass its progress on."""
    from news_rag.index.errors import RagError

    env = dict(os.environ)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = "1"
    command = [sys.executable, "-m", "news_rag.eval.benchmarks.lexical_scale_run", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    deadline = time.monotonic() + CHILD_TIMEOUT_S
    last = "no output"
    assert process.stderr is not None and process.stdout is not None
    for line in process.stderr:
        if line.startswith("PROGRESS ") and progress:
            label, done, total = line[9:].rstrip("\n").split("\t")
            progress(label, int(done), int(total))
        elif line.strip():
            last = line.strip()
        if time.monotonic() > deadline:
            process.kill()
            raise RagError(f"lexical benchmark {args[0]} ran past {CHILD_TIMEOUT_S} s")
    output = process.stdout.read()
    if process.wait() != 0:
        raise RagError(f"lexical benchmark {' '.join(args[:3])} failed ({last})")
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def _overlap(folder: Path) -> float | None:
    paths = [folder / f"hits-{b}.json" for b in BACKENDS]
    if not all(p.is_file() for p in paths):
        return None
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in paths)
    shared = sum(len(set(a) & set(b)) for a, b in zip(first, second, strict=True))
    total = sum(max(len(a), 1) for a in first)
    return round(shared / total, 4)


def run_lexical_benchmark(
    sizes: Sequence[int],
    *,
    corpus: Path,
    work_dir: Path,
    backends: Sequence[str] = BACKENDS,
    queries: int = DEFAULT_QUERIES,
    k: int = DEFAULT_K,
    bm25s_max: int = BM25S_MAX_SIZE,
    keep: bool = False,
    progress: ProgressCallback | None = None,
) -> LexicalReport:
    load_start = load_average()
    work_dir.mkdir(parents=True, exist_ok=True)
    pool = sentence_pool(corpus)
    pool["queries"] = pool["queries"][:queries]
    pool_path = work_dir / "lexical-pool.json"
    pool_path.write_text(json.dumps(pool), encoding="utf-8")
    runs: list[BackendRun] = []
    agreement: dict[str, float] = {}
    for size in sizes:
        folder = work_dir / f"lexical-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        try:
            for backend in backends:
                run = BackendRun(backend, size)
                runs.append(run)
                if backend == "bm25s" and size > bm25s_max:
                    run.skipped = f"over --bm25s-max {bm25s_max:,} (builds in memory)"
                    continue
                run.build = _child(["build", backend, str(size), str(pool_path), str(folder)],
                                   progress)  # fmt: skip
                run.serve = _child(["serve", backend, str(pool_path), str(folder), str(k)],
                                   progress)  # fmt: skip
            overlap = _overlap(folder)
            if overlap is not None:
                agreement[str(size)] = overlap
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
    return LexicalReport(
        corpus=str(corpus),
        real_chunks=len(pool["counts"]),
        pool_sentences=len(pool["sentences"]),
        queries=len(pool["queries"]),
        k=k,
        note=NOTE,
        load_average={"start": load_start, "end": load_average()},
        runs=runs,
        agreement=agreement,
    )
