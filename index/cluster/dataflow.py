"""The Ray Data pipeline of `rag index --ray`: articles -> SplitAnalyser -> BlockEncoder.

Blocks of `batch_articles` articles go through two actor pools (`map_batches` with a
callable class: each actor loads spaCy or the encoder once); the driver streams the
results back (`iter_batches`) and hands each batch to `on_results` as it arrives, so the
driver's memory holds a block at a time in flight and a killed driver loses only the
blocks not yet handed over. Ray Data restarts an actor that dies (a lost node) and retries
its batch; an exception raised by our code fails the run in one line.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from news_rag.index.cluster.actors import BlockEncoder, SplitAnalyser
from news_rag.index.cluster.connect import ClusterError, connect, resources
from news_rag.index.cluster.records import (
    RESULT_COLUMN,
    WORK_COLUMN,
    ArticleResult,
    ArticleWork,
    BuildSpec,
    dumps,
    load_result,
)
from news_rag.index.cluster.settings import (
    ANALYSER_CPUS,
    ENCODER_CPUS,
    ClusterSettings,
    PoolSizes,
    resolve_pools,
)

StageProgress = Callable[[str, int, int], None]  # the pipeline's (stage, done, total)
STAGE = "cluster"  # the progress stage name: articles done on the cluster / to send


@dataclass(frozen=True)
class ClusterRun:
    """What one run sent, on which pools, and how long the cluster part took."""

    sent: int
    pools: PoolSizes
    cluster_cpus: float
    cluster_gpus: float
    seconds: float  # wall time of the cluster part, from connecting to the last result
    stage_seconds: dict[str, float]  # actor seconds by stage (split, analyse, embed)
    tokens: int  # word-piece tokens of the chunks made


def _actor_args(
    ray: ModuleType, blocks: int, pools: PoolSizes, settings: ClusterSettings
) -> list[dict[str, Any]]:
    """The two map_batches calls' arguments: analysers, then encoders (no more actors in a
    pool than there are blocks: an actor with no block would only load its model)."""
    common = {"batch_size": settings.batch_articles, "batch_format": "numpy"}
    return [
        {**common, "num_cpus": pools.analyser_cpus,
         "compute": ray.data.ActorPoolStrategy(size=min(pools.analysers, blocks))},
        {**common, "num_cpus": ENCODER_CPUS, "num_gpus": pools.encoder_gpus or None,
         "compute": ray.data.ActorPoolStrategy(size=min(pools.encoders, blocks))},
    ]  # fmt: skip


def _dataset(ray: ModuleType, works: Sequence[ArticleWork], spec: BuildSpec,
             pools: PoolSizes, settings: ClusterSettings) -> Any:  # fmt: skip
    blocks = max(1, math.ceil(len(works) / settings.batch_articles))
    rows = [{WORK_COLUMN: dumps(work)} for work in works]
    analysers, encoders = _actor_args(ray, blocks, pools, settings)
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    dataset = dataset.map_batches(SplitAnalyser.bound(spec), **analysers)
    return dataset.map_batches(BlockEncoder.bound(spec), **encoders)


def run_on_cluster(
    works: Sequence[ArticleWork],
    spec: BuildSpec,
    settings: ClusterSettings,
    on_results: Callable[[list[ArticleResult]], None],
    progress: StageProgress | None = None,
) -> ClusterRun:
    """Send `works` through the cluster; `on_results` gets every result batch as it lands."""
    started = time.monotonic()
    ray = connect(settings.address)
    cpus, gpus = resources(ray)
    if cpus < ANALYSER_CPUS + ENCODER_CPUS:  # the actors would wait for CPUs forever
        raise ClusterError(
            f"the Ray cluster at {settings.address} has {cpus:g} CPUs, and an analyser and an "
            f"encoder need {ANALYSER_CPUS + ENCODER_CPUS:g}; add a worker: "
            f"ray start --address={settings.address}"
        )
    pools = resolve_pools(settings, cpus, gpus)
    done, total, tokens = 0, len(works), 0
    stages: dict[str, float] = {}
    if progress:
        progress(STAGE, 0, total)
    try:
        dataset = _dataset(ray, works, spec, pools, settings)
        for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            results = [load_result(bytes(row)) for row in batch[RESULT_COLUMN]]
            on_results(results)
            for result in results:
                tokens += sum(chunk.token_count for chunk in result.chunks)
                for stage, seconds in result.seconds.items():
                    stages[stage] = stages.get(stage, 0.0) + seconds
            done += len(results)
            if progress:
                progress(STAGE, done, total)
    except ray.exceptions.RayError as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
        raise ClusterError(f"the Ray cluster at {settings.address} failed: {first[:300]}") from exc
    seconds = time.monotonic() - started
    return ClusterRun(total, pools, cpus, gpus, seconds, stages, tokens)
