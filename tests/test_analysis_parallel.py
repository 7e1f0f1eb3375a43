"""The analysis over several processes (real spaCy model): the same records as one process,
in order, with progress; a worker that dies loses nothing."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest
from news_rag.index.analysis import parallel
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.errors import InputError
from news_rag.index.sentences import split_sentences

TEXTS = (
    "According to local sources, 12 people died on Monday. The mayor said it was calm.",
    "Shares of Acme Corp rose 5 pct on Tuesday, the company said. Analysts were surprised.",
    "The ministry said on Wednesday that 300 troops had left. A spokeswoman declined to comment.",
    "Prices fell.",
    "",
)


def _articles(copies: int) -> list[ArticleInput]:
    return [
        ArticleInput(f"a{n}-{i}", text, tuple(split_sentences(text)), "2020-05-06", None, "Wire")
        for n in range(copies)
        for i, text in enumerate(TEXTS)
    ]


PARENT = os.getpid()  # the test process; a forked worker inherits the value, not the pid
_analyse_share = parallel._analyse_share


def _die(share: Sequence[ArticleInput]) -> list[list[dict[str, object]]]:
    if os.getpid() != PARENT:
        os._exit(3)  # a worker killed mid-share (as by the OOM killer)
    return _analyse_share(share)


def test_workers_give_the_records_of_one_process_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "ARTICLES_PER_TASK", 4)  # several shares per worker
    articles = _articles(6)
    serial = Analyser(n_process=1).analyse(articles)
    ticks: list[tuple[int, int]] = []
    analyser = Analyser(n_process=2)
    forked = analyser.analyse(articles, progress=lambda done, total: ticks.append((done, total)))
    assert forked == serial
    assert [r.ordinal for r in forked[0]] == [0, 1]
    assert forked[len(TEXTS) - 1] == []  # the empty article keeps its place
    assert ticks[-1] == (len(articles), len(articles))
    assert len(ticks) > 1
    assert analyser.articles_analysed == len(articles)


def test_a_dead_worker_leaves_the_rest_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles(2)
    serial = Analyser(n_process=1).analyse(articles)
    monkeypatch.setattr(parallel, "_analyse_share", _die)
    assert Analyser(n_process=2).analyse(articles) == serial


def test_processes_follow_the_size_and_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "fork_safe", lambda: True)
    monkeypatch.delenv(parallel.PROCESSES_ENV, raising=False)
    assert parallel.processes_for(parallel.PARALLEL_MIN_SENTENCES - 1) == 1
    assert parallel.processes_for(parallel.PARALLEL_MIN_SENTENCES) == parallel.available_cores()
    monkeypatch.setenv(parallel.PROCESSES_ENV, "3")
    assert parallel.processes_for(10) == 3
    monkeypatch.setenv(parallel.PROCESSES_ENV, "zero")
    with pytest.raises(InputError, match="RAG_ANALYSIS_PROCESSES"):
        parallel.processes_for(10)


def test_no_fork_from_a_thread_or_beside_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chat UI and the HTTP server index in a thread: a fork there could inherit a lock
    another thread holds, so the work stays in one process."""
    import threading

    from news_rag.index import forkmap

    monkeypatch.setenv(parallel.PROCESSES_ENV, "2")
    seen: list[tuple[bool, int]] = []
    thread = threading.Thread(
        target=lambda: seen.append((forkmap.fork_safe(), parallel.processes_for(10**6)))
    )
    thread.start()
    thread.join()
    assert seen == [(False, 1)]
