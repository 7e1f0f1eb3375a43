"""`rag benchmark cluster CORPUS`: a local `rag index` against `rag index --ray` on a local
cluster of 1 and of 2 workers (one CPU each, each pinned to a core of its own; a head that
only coordinates), with the same index in the end. Every build is a `rag index` process of
its own, timed from outside; a cluster's start is timed apart and not counted in its build.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from news_rag.index.cluster.compare import differences, live_generation
from news_rag.index.cluster.local import local_cluster
from news_rag.index.cluster.probe import ray_overheads
from news_rag.index.cluster.settings import DEFAULT_BATCH_ARTICLES

DEFAULT_WORKERS = (1, 2)  # the comparison: 1 worker against 2
PROBE_BLOCKS = 32  # no-op blocks (and twice as many) through two actor pools: Ray's costs


@dataclass
class Build:
    """One timed `rag index` of the corpus."""

    name: str  # local, ray-1, ray-2, ...
    workers: int  # 0: local
    seconds: float
    articles: int
    chunks: int
    startup_seconds: float = 0.0  # starting the cluster (not in `seconds`)
    cluster: dict[str, Any] = field(default_factory=dict)  # the run's `cluster` JSON
    same_as_local: bool | None = None
    differences: list[str] = field(default_factory=list)
    file_bytes: dict[str, int] = field(default_factory=dict)  # the live generation's files

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


@dataclass
class ClusterBenchmark:
    corpus: str
    articles: int
    batch_articles: int
    builds: list[Build]
    ray_overheads: dict[str, float]  # probe.ray_overheads: per block and per run (no-op)

    def ratios(self) -> dict[str, float]:
        """Throughput of each Ray build against 1 worker and against the local build."""
        by_name = {b.name: b.articles_per_s for b in self.builds}
        out: dict[str, float] = {}
        for build in self.builds:
            if build.workers and by_name.get("ray-1"):
                out[f"{build.name}_vs_ray-1"] = round(build.articles_per_s / by_name["ray-1"], 3)
            if build.workers and by_name.get("local"):
                out[f"{build.name}_vs_local"] = round(build.articles_per_s / by_name["local"], 3)
        return out

    def to_dict(self) -> dict[str, Any]:
        builds = [{**asdict(b), "articles_per_s": round(b.articles_per_s, 2)} for b in self.builds]
        return {"corpus": self.corpus, "articles": self.articles,
                "batch_articles": self.batch_articles, "builds": builds,
                "ratios": self.ratios(), "ray_overheads": self.ray_overheads}  # fmt: skip

    def to_markdown(self) -> str:
        lines = [f"# rag benchmark cluster: {self.articles} articles of {self.corpus}", "",
                 "| build | workers | seconds | articles/s | cluster start s | same index |",
                 "|---|---|---|---|---|---|"]  # fmt: skip
        for b in self.builds:
            same = "-" if b.same_as_local is None else ("yes" if b.same_as_local else "NO")
            lines.append(f"| {b.name} | {b.workers} | {b.seconds:.1f} | {b.articles_per_s:.1f} "
                         f"| {b.startup_seconds:.1f} | {same} |")  # fmt: skip
        lines += ["", *(f"- {k}: {v}" for k, v in self.ratios().items())]
        lines.append(f"- Ray's own costs (no-op blocks, two pools): {self.ray_overheads}")
        return "\n".join(lines) + "\n"


def _corpus_part(corpus: Path, articles: int | None, folder: Path) -> tuple[Path, int]:
    """The first `articles` records of a .jsonl(.gz) corpus, as a .jsonl in `folder`."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    lines = lines[:articles] if articles else lines
    part = folder / "corpus" / "articles.jsonl"
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_text("".join(line if line.endswith("\n") else line + "\n" for line in lines))
    return part.parent, len(lines)


def _timed_index(name: str, workers: int, args: Sequence[str]) -> Build:
    rag = str(Path(sys.executable).parent / "rag")
    started = time.monotonic()
    done = subprocess.run([rag, "index", *args, "--json", "--quiet"], capture_output=True,
                          text=True, check=False)  # fmt: skip
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"{name}: rag index failed: {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout)
    index = Path(args[args.index("--index") + 1])
    return Build(name, workers, round(seconds, 2), report["articles"], report["chunks"],
                 cluster=report.get("cluster", {}), file_bytes=_sizes(index))  # fmt: skip


def _sizes(index: Path) -> dict[str, int]:
    """Bytes of each file (a folder: all its files) of the live generation."""
    live = live_generation(index)
    return {
        entry.name: sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())
        if entry.is_dir() else entry.stat().st_size
        for entry in sorted(live.iterdir())
    }  # fmt: skip


def _tell(build: Build) -> None:
    """Each build's figures on stderr as it ends: a later failure does not lose them."""
    print(json.dumps({"build": asdict(build)}), file=sys.stderr, flush=True)


def run_cluster_benchmark(
    corpus: Path,
    articles: int | None,
    workers: Sequence[int] = DEFAULT_WORKERS,
    work_dir: Path | None = None,
    batch_articles: int = DEFAULT_BATCH_ARTICLES,
) -> ClusterBenchmark:
    """Index the first `articles` of `corpus` locally and on each local cluster size."""
    with tempfile.TemporaryDirectory(dir=work_dir, prefix="rag-bench-cluster-") as scratch:
        root = Path(scratch)
        source, count = _corpus_part(corpus, articles, root)
        local = _timed_index("local", 0, [str(source), "--index", str(root / "local")])
        _tell(local)
        builds, overheads = [local], dict[str, float]()
        for size in workers:
            index = root / f"ray-{size}"
            started = time.monotonic()
            with local_cluster(size, root / f"logs-{size}", pin=True) as cluster:
                startup = time.monotonic() - started
                build = _timed_index(f"ray-{size}", size, [str(source), "--index", str(index),
                                     "--ray", cluster.address, "--ray-batch",
                                     str(batch_articles)])  # fmt: skip
                overheads = overheads or ray_overheads(cluster.address, PROBE_BLOCKS)
            build.startup_seconds = round(startup, 2)
            build.differences = differences(root / "local", index)
            build.same_as_local = not build.differences
            builds.append(build)
            _tell(build)
    return ClusterBenchmark(str(corpus), count, batch_articles, builds, overheads)
