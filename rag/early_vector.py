"""The question's vector, started while the question is parsed.

A question asked on its own (no conversation, no context) is retrieved by its own text:
`parse` gives the question back as the query, so its vector need not wait for the parse.
ONNX Runtime (and torch) leave the GIL while they run, so the query encoder's one thread
(`loading.QUERY_THREADS`) and spaCy's parser run on two cores at once. Warm `ask` on the
sample, three alternating runs: p50 21.2-22.4 -> 16.4-16.6 ms (eval/RESULTS.md, session 23).

The vector is used only for the query it was started for: `Assistant._search_for` compares
the query it builds after the parse with this one, so the answer is the one a sequential
call gives.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from news_rag.index.encoders.minilm import Embedder

# Threads encoding questions ahead of their parse, shared by every Assistant of the
# process. Two: one per core of the 2-core machines this runs on; a request finding both
# busy waits for one, as it waited for its own encoding before.
EARLY_ENCODE_WORKERS = 2

_pool: tuple[int, ThreadPoolExecutor] | None = None  # the process that made it, the pool
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    """The process's pool; a forked child makes its own (its parent's threads are not in it,
    and work queued to their pool would wait for ever)."""
    global _pool  # noqa: PLW0603 - one pool per process is the point
    with _pool_lock:
        if _pool is None or _pool[0] != os.getpid():
            pool = ThreadPoolExecutor(EARLY_ENCODE_WORKERS, thread_name_prefix="query-vector")
            _pool = (os.getpid(), pool)
        return _pool[1]


@dataclass(frozen=True)
class EarlyVector:
    """The vector of `query`, being computed."""

    query: str
    future: Future[npt.NDArray[np.float32]]

    def vector_for(self, query: str) -> npt.NDArray[np.float32] | None:
        """The vector if `query` is the one started; else None (the caller encodes)."""
        return self.future.result() if query == self.query else None


def start_encoding(embedder: Embedder, query: str) -> EarlyVector:
    """Encode `query` on a pool thread; `EarlyVector.vector_for` waits for it."""
    future = _executor().submit(lambda: embedder.encode([query])[0])
    return EarlyVector(query, future)
