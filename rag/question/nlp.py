"""The spaCy pipeline for questions: the same hash-verified model the index analysis uses.

`news_rag.index.analysis.model.load_pipeline` checks every model file against its recorded
sha256 before loading, and keeps one pipeline per process; questions reuse it, so a process
that answers questions loads the model once.

Importing spaCy and loading the model takes about 0.7 s. It loads in a background thread
started by `preload()`: by `Assistant.load()` once the index is open (a server), by the chat
once its screen shows the index ready (`Assistant.load(parser=False)`, then
`preload_parser()`), and by a cold `Assistant.ask` before it opens the index, which it
overlaps (issue 22, item 7: faster on two cores once spaCy's command line is no longer
imported, eval/RESULTS.md "Cold start met"). `pipeline()` waits for that thread and raises
what it raised (the same one-line `ModelError` as a load in the caller's thread).
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from news_rag.rag.question.do_support import english_lemmas, repair, verb_bases
from news_rag.rag.question.passive import repair_passive


class _Preload:
    """The one background load of a process: its thread and what it raised."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            _load()
        except BaseException as exc:  # handed to the thread that needs the model
            self.error = exc


_preload = _Preload()


def _load() -> Any:
    # deferred: loading spaCy and the model takes about a second
    from news_rag.index.analysis.model import load_pipeline

    return load_pipeline()


def preload() -> None:
    """Start loading the pipeline in a daemon thread (once per process; a no-op after)."""
    with _preload.lock:
        if _preload.thread is None:
            _preload.thread = threading.Thread(
                target=_preload.run, name="spacy-preload", daemon=True
            )
            _preload.thread.start()


def pipeline() -> Any:
    """The verified spaCy `Language` (en_core_web_sm 3.8.0), loaded once per process; waits
    for a load `preload()` started and raises its error if it failed (a later call loads
    again, and fails again with the same message while the model is broken)."""
    thread = _preload.thread
    if thread is not None:
        thread.join()
        with _preload.lock:
            error, _preload.error = _preload.error, None
        if error is not None:
            raise error
    return _load()


@cache
def english_verbs() -> frozenset[str]:
    """The base forms the pipeline's lemmatizer knows as English verbs (`do_support`)."""
    return verb_bases(pipeline())


@cache
def english_words() -> frozenset[str]:
    """The lemmas the pipeline's lemmatizer knows as English words (`do_support`)."""
    return english_lemmas(pipeline())


def parse_text(text: str) -> Any:
    """The spaCy `Doc` of one question, its main verb restored where the small model read
    it as a noun after "did" (`do_support`), its passive subject passive (`passive`)."""
    doc = pipeline()(text)
    repair(doc, english_verbs())
    repair_passive(doc)
    return doc
