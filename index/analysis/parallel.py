"""The analysis over every core: worker processes each parse and analyse a share of articles.

spaCy's own `nlp.pipe(n_process=N)` parses in workers but sends every parsed `Doc` back to
the parent, which then deserialises it and runs the claimant, date and hedge stages alone:
1.3x on 2 cores. Here each worker runs the whole analysis of its share (parse and stages)
and returns only the records, as plain dicts (`SentenceAnalysis.to_dict`).

The pool is `index/forkmap.fork_map`: workers are forked after the parent has loaded the
verified model and analysed the first article (every import made), so they share its pages
and load nothing. A worker that dies (out of memory, killed) fails its share; the analysis
then finishes in the parent, one process, so nothing is lost.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.errors import InputError
from news_rag.index.forkmap import available_cores, fork_map, fork_safe

if TYPE_CHECKING:
    from news_rag.index.analysis.analyse import Analyser

Progress = Callable[[int, int], None]  # (articles done, articles in all)

# Below this many sentences one process is as fast: at 900 sentences (100 Reuters stories)
# two processes took 2.75 s against 2.86 s for one, at 3,984 sentences 9.4 s against 12.7 s
# (`python -m news_rag.index.analysis.benchmark CORPUS --n N --processes P`, eval/RESULTS.md).
PARALLEL_MIN_SENTENCES = 2000
# Articles per task handed to a worker: small enough that the cores finish together and
# progress moves, large enough that a task is many spaCy batches' worth of sentences
# (Reuters averages ~9 sentences an article).
ARTICLES_PER_TASK = 64
PROCESSES_ENV = "RAG_ANALYSIS_PROCESSES"  # a positive integer overrides the choice

_worker: Analyser | None = None  # the forked worker's analyser (inherited from the parent)
_fork_lock = threading.Lock()  # one pool at a time: `_worker` is what every fork inherits


def processes_for(sentences: int) -> int:
    """How many processes analyse `sentences` sentences: one where forking is unsafe
    (`fork_safe`), else $RAG_ANALYSIS_PROCESSES when set, else one below
    PARALLEL_MIN_SENTENCES, else every core."""
    raw = os.environ.get(PROCESSES_ENV, "").strip()
    if raw and (not raw.isdigit() or int(raw) < 1):
        raise InputError(f"${PROCESSES_ENV}={raw!r} is not a positive integer; fix or unset it")
    if not fork_safe():
        return 1
    if raw:
        return int(raw)
    if sentences < PARALLEL_MIN_SENTENCES:
        return 1
    return available_cores()


def _analyse_share(share: Sequence[ArticleInput]) -> list[list[dict[str, Any]]]:
    assert _worker is not None, "the worker's analyser is set before the fork"
    results = _worker.analyse_serial(share)
    return [[record.to_dict() for record in records] for records in results]


def analyse_in_workers(
    analyser: Analyser,
    articles: Sequence[ArticleInput],
    processes: int,
    progress: Progress | None = None,
) -> list[list[SentenceAnalysis]]:
    """Every article's records, in order, analysed by `processes` forked workers
    (`fork_map`, which analyses the first share, one article, here before it forks: the
    model is loaded and every import the stages need is made once)."""
    global _worker  # noqa: PLW0603 - what the forked workers inherit
    shares = [articles[:1]] + [
        articles[start : start + ARTICLES_PER_TASK]
        for start in range(1, len(articles), ARTICLES_PER_TASK)
    ]
    results: list[list[SentenceAnalysis]] = []

    def collect(share_records: list[list[dict[str, Any]]]) -> None:
        results.extend(
            [SentenceAnalysis.from_dict(data) for data in records] for records in share_records
        )
        if progress is not None:
            progress(len(results), len(articles))

    with _fork_lock:
        _worker = analyser
        try:
            fork_map(_analyse_share, shares, processes=processes, chunksize=1, on_result=collect)
        finally:
            _worker = None
    return results
