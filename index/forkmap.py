"""`fork_map`: a pure function over many items in forked worker processes, in order.

For the write path's CPU-bound per-article steps (sentence splitting) on a multi-core
machine. The workers are forked, so they inherit what the parent loaded; `fn` must be a
module-level function and its items and results plain data. A worker that dies leaves the
rest to this process: nothing is lost, it is only slower.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fork_safe() -> bool:
    """Whether this process may fork workers: only from the main thread of a process with no
    other Python thread (a thread holding a lock at the fork, say the import lock, would
    leave it held forever in the child). The chat UI and the HTTP server index in a thread,
    so there the work stays in one process."""
    return threading.current_thread() is threading.main_thread() and threading.active_count() == 1


def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    processes: int,
    chunksize: int,
    on_result: Callable[[R], None] | None = None,
) -> list[R]:
    """`[fn(item) for item in items]`, computed by `processes` forked workers (one process:
    here, in order). `on_result` is called with each result, in order, as it comes."""
    results: list[R] = []

    def keep(result: R) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    if processes <= 1 or len(items) <= chunksize:
        for item in items:
            keep(fn(item))
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # The first item here, before the fork: `fn`'s lazy imports are made once, in the
    # parent, so no worker has to take the import lock.
    keep(fn(items[0]))
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            for result in pool.map(fn, items[1:], chunksize=chunksize):
                keep(result)
    except BrokenProcessPool:
        pass  # a worker died: the rest below, in this process
    for item in items[len(results) :]:
        keep(fn(item))
    return results
