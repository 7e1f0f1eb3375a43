"""`fork_map`: the results of a plain loop, in order, from forked workers; a dead worker
leaves the rest to this process."""

from __future__ import annotations

import os

from news_rag.index import forkmap
from news_rag.index.sentences import split_sentences

TEXTS = [f"Story {n} begins here. It has a second sentence, {n} pct longer." for n in range(40)]
PARENT = os.getpid()  # the test process; a forked worker inherits the value, not the pid


def _dies_in_a_worker(text: str) -> list[tuple[int, int]]:
    if os.getpid() != PARENT and text.startswith("Story 7 "):
        os._exit(3)  # a worker killed mid-task (as by the OOM killer)
    return split_sentences(text)


def test_workers_give_the_loop_results_in_order() -> None:
    expected = [split_sentences(t) for t in TEXTS]
    assert forkmap.fork_map(split_sentences, TEXTS, processes=2, chunksize=3) == expected
    assert forkmap.fork_map(split_sentences, TEXTS, processes=1, chunksize=3) == expected


def test_a_dead_worker_loses_nothing() -> None:
    expected = [split_sentences(t) for t in TEXTS]
    assert forkmap.fork_map(_dies_in_a_worker, TEXTS, processes=2, chunksize=2) == expected
