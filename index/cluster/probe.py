"""Ray's own costs in `rag index --ray`: no-op blocks through two actor pools, as the
articles go (the fixed costs of the scaling model in `rag benchmark cluster`).

Ray Data starts a run's actors with the run, so one run's time is a fixed part (starting
the pools) plus a part per block; two runs of `blocks` and `2 * blocks` blocks separate them.
"""

from __future__ import annotations

import time
from types import ModuleType
from typing import Any

from news_rag.index.cluster.connect import connect, disconnect


class _Pass:
    """An actor that returns its batch: what is left is Ray's scheduling and transfer."""

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        return batch


def _timed_run(ray: ModuleType, blocks: int) -> float:
    rows = [{"n": n} for n in range(blocks)]
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    for _ in range(2):
        dataset = dataset.map_batches(_Pass, batch_size=1, num_cpus=0.5,
                                      compute=ray.data.ActorPoolStrategy(size=1))  # fmt: skip
    started = time.monotonic()
    for _ in dataset.iter_batches(batch_size=None):
        pass
    return time.monotonic() - started


def ray_overheads(address: str, blocks: int) -> dict[str, float]:
    """{"per_block_s": Ray's seconds per block, "per_run_s": a run's fixed seconds}."""
    ray = connect(address)
    try:
        short, long = _timed_run(ray, blocks), _timed_run(ray, 2 * blocks)
    finally:
        disconnect()
    per_block = max(0.0, (long - short) / blocks)
    return {"per_block_s": round(per_block, 4), "per_run_s": round(short - blocks * per_block, 2)}
