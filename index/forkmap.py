"""`fork_map`: a pure function over many items in forked worker processes, in order.

For the write path's CPU-bound per-article steps (sentence splitting) on a multi-core
machine. The workers are forked, so they inherit what the parent loaded; `fn` must be a
module-level function and its items and results plain data. A worker that dies leaves the
rest to this process: nothing is lost, it is only slower.

A worker never outlives this process: on Linux the kernel kills it when its parent dies
(`PR_SET_PDEATHSIG`), and everywhere a watchdog thread in the worker exits it once its parent
is gone (its parent pid changes). A `kill -9` of `rag index` thus leaves no worker behind
blocked on a pipe; nor does a worker hold the index's write lock (`index/store/publish`
closes its lock file in every forked child).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
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


# A thread named with this prefix promises to hold no lock a forked child could need (no
# import, no logging, no buffered stream: a progress heartbeat that writes with os.write).
FORK_SAFE_THREAD_PREFIX = "fork-safe:"


def fork_safe() -> bool:
    """Whether this process may fork workers: only from the main thread of a process with no
    other Python thread (a thread holding a lock at the fork, say the import lock, would
    leave it held forever in the child), threads that promise otherwise by their name
    (`FORK_SAFE_THREAD_PREFIX`) aside. The chat UI and the HTTP server index in a thread,
    so there the work stays in one process."""
    if threading.current_thread() is not threading.main_thread():
        return False
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    return all(t.name.startswith(FORK_SAFE_THREAD_PREFIX) for t in others)


# How often a worker's watchdog looks for its parent (seconds): a dead writer's workers are
# gone within this time where the kernel's parent-death signal is not available.
WATCHDOG_INTERVAL = 0.5
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """In a forked worker: exit when `parent` (the process that forked it) dies."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):  # no libc prctl: the watchdog
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCHDOG_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


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
        with ProcessPoolExecutor(
            max_workers=processes,
            mp_context=context,
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            for result in pool.map(fn, items[1:], chunksize=chunksize):
                keep(result)
    except BrokenProcessPool:
        pass  # a worker died: the rest below, in this process
    for item in items[len(results) :]:
        keep(fn(item))
    return results
