"""The public API: `Assistant.open(...)`, `.search()`, `.ask()`, `.conversation()`.

Opening is cheap. The index and the model load lazily on first use (or `load()`), once per
process, under a lock; a loaded Assistant is safe to query from several threads.

A new generation written by `rag index` (any process) is picked up on the next question:
each `ask`/`search` reads CURRENT (one small file) and, when it names another generation,
opens it under the lock. The call then works on that one reader from start to end (pinned
per thread), and the previous reader stays usable for calls still running on it.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from news_rag.index.encoders.minilm import Embedder
from news_rag.index.errors import IndexCorruptError, RagError
from news_rag.index.paths import resolve_index_dir
from news_rag.index.store.generations import read_current
from news_rag.index.store.publish import check_model
from news_rag.index.store.reader import IndexReader
from news_rag.index.store.resident import file_backed_mb, release_mapped
from news_rag.index.types import Article
from news_rag.rag.loading import query_embedder
from news_rag.rag.passages import build_passages
from news_rag.rag.rerank import Reranker, load_reranker
from news_rag.rag.retrieve import Retriever
from news_rag.rag.settings import MODES, Settings, SettingsError
from news_rag.rag.types import Answer, Filters, Passage
from news_rag.rag.validation import validate_question

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from news_rag.index.report import IndexReport
    from news_rag.rag.answer.respond import Search
    from news_rag.rag.conversation import Conversation
    from news_rag.rag.early_vector import EarlyVector
    from news_rag.rag.question.intent import Intent


class NoMatchError(RagError):
    """The filters match no article."""


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _pinned(method: _Method) -> _Method:
    """Run a query method on one reader, the live generation's when the call starts."""

    @functools.wraps(method)
    def wrapper(self: Assistant, *args: Any, **kwargs: Any) -> Any:
        with self._pin():
            return method(self, *args, **kwargs)

    return cast(_Method, wrapper)


def _parser_first(method: _Method) -> _Method:
    """Start loading the question parser before the index opens: in a cold process the two
    overlap (the model's sha256 check, ONNX Runtime and FAISS leave the GIL to spaCy's
    imports). A cold `rag ask` on the sample, spaCy's command line already left out:
    median 1.45 -> 1.34 s (issue 22; eval/RESULTS.md, "Cold start met")."""

    @functools.wraps(method)
    def wrapper(self: Assistant, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("intent") is None:
            self.preload_parser()
        return method(self, *args, **kwargs)

    return cast(_Method, wrapper)


class Assistant:
    def __init__(
        self, index_dir: Path, settings: Settings, embedder: Embedder | None = None
    ) -> None:
        self.index_dir = index_dir
        self.settings = settings
        self._embedder = embedder
        self._given_embedder = embedder  # None: chosen per index, to query and to index
        self._reader: IndexReader | None = None
        self._reranker: Reranker | None = None
        self._reranker_loaded = False
        self._unloadable: str | None = None  # a generation that failed to open: not retried
        self._lock = threading.Lock()
        self._embedder_lock = threading.Lock()  # apart: the encoder loads beside the index
        self._local = threading.local()  # .reader: the reader pinned for this thread's call

    @classmethod
    def open(
        cls,
        index_dir: str | Path | None = None,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
    ) -> Assistant:
        return cls(resolve_index_dir(index_dir), settings or Settings(), embedder)

    # --- loading ----------------------------------------------------------------------
    def load(self, *, parser: bool = True) -> None:
        """Open and verify the index, load the model and search structures (blocking), then,
        with `parser`, start loading the question parser in the background (the first
        question waits for it, if it is not done yet; its errors come with that question).
        A UI passes `parser=False` and calls `preload_parser()` once it has painted: the
        parser's imports hold the GIL, and the chat was ready 0.7 s later beside them."""
        encoder = threading.Thread(target=self._embedder_quietly, name="encoder-load", daemon=True)
        encoder.start()  # its sha256 check and ONNX session leave the GIL to the index's opening
        reader = self.reader
        encoder.join()
        reader.faiss_index()
        reader.bm25()
        self.embedder.encode(["warm up"])
        if parser:
            self.preload_parser()

    def _embedder_quietly(self) -> None:
        with contextlib.suppress(Exception):  # the reader's model check loads it again, and
            _ = self.embedder  # reports what failed

    def start_loading(self) -> None:
        """Run `load(parser=False)` in a daemon thread, so that a UI can build its screen
        meanwhile. A later `load()` waits for it (the same locks) and raises what it
        raised: the error is reported there, not here."""
        threading.Thread(target=self._load_quietly, name="index-load", daemon=True).start()

    def _load_quietly(self) -> None:
        with contextlib.suppress(Exception):  # the caller's own load() reports it
            self.load(parser=False)

    @staticmethod
    def preload_parser() -> None:
        """Start loading the question parser (spaCy) in a daemon thread, once per process.
        Safe beside a torch encoder loading in another thread: spaCy's import hides torch
        from its own thread only (`model._import_spacy_without_torch`)."""
        from news_rag.rag.question.nlp import preload

        preload()

    @property
    def embedder(self) -> Embedder:
        with self._embedder_lock:
            if self._embedder is None:  # the manifest says which (rag/loading.py)
                self._embedder = query_embedder(self.index_dir)
            return self._embedder

    @property
    def reader(self) -> IndexReader:
        """The reader pinned for this thread's query, else the live generation's."""
        pinned: IndexReader | None = getattr(self._local, "reader", None)
        return pinned if pinned is not None else self._live_reader()

    def _live_reader(self) -> IndexReader:
        with self._lock:
            reader = self._reader
            if reader is None or self._generation_changed(reader):
                reader = self._reader = self._open_reader(reader)
                if not self._reranker_loaded:
                    self._reranker = load_reranker(self.settings.retrieval.reranker)
                    self._reranker_loaded = True
            return reader

    def _generation_changed(self, reader: IndexReader) -> bool:
        try:
            name = read_current(self.index_dir)
        except IndexCorruptError:  # a damaged pointer: keep serving the healthy reader
            return False
        return name is not None and name not in (reader.name, self._unloadable)

    def _open_reader(self, old: IndexReader | None) -> IndexReader:
        """Open the live generation, then check it against the query encoder (loaded here,
        or by `load()` meanwhile). The old reader is not closed: calls may still use it."""
        try:
            reader = IndexReader.open(self.index_dir)
            embedder = self.embedder
            check_model(reader.generation, embedder.name, embedder.weights_sha256)
        except RagError:
            if old is not None:  # the new generation does not load: keep answering from the old
                with contextlib.suppress(IndexCorruptError):
                    self._unloadable = read_current(self.index_dir)
                return old
            raise
        return reader

    @contextlib.contextmanager
    def _pin(self) -> Iterator[IndexReader]:
        pinned: IndexReader | None = getattr(self._local, "reader", None)
        if pinned is not None:  # a nested call (a conversation's ask) keeps the outer reader
            yield pinned
            return
        self._local.reader = reader = self._live_reader()
        try:
            yield reader
        finally:
            self._local.reader = None
            self._bound_mapped(reader)

    def _bound_mapped(self, reader: IndexReader) -> None:
        """Drop the generation's mapped pages from this process once its resident
        file-backed memory passes `retrieval.mapped_budget_mb` (`index.store.resident`)."""
        budget = self.settings.retrieval.mapped_budget_mb
        if budget is None:
            return
        used = file_backed_mb()
        if used is not None and used > budget:
            release_mapped(reader.generation.path)

    def info(self) -> dict[str, Any]:
        return self.reader.info()

    def articles(self) -> list[Article]:
        return list(self.reader.articles().values())

    def examples(self) -> tuple[str, ...] | None:
        """The example questions `rag index` checked on the live generation (answered with a
        citation: `rag.examples`), or None when it stored none."""
        from news_rag.rag.examples import read_examples

        return read_examples(self.reader)

    def article(self, article_id: str) -> Article:
        return self.reader.article(article_id)

    def build_index(
        self,
        paths: Sequence[str | Path] | None = None,
        *,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> IndexReport:
        """Index `paths` (a new index: the bundled sample) into this assistant's index.

        The next query opens the new generation (as for a write by any other process).
        """
        from news_rag.index.pipeline import run_index

        # None: run_index's default (onnx-fp32, or the int8/bf16 encoder that built the index)
        return run_index(paths, self.index_dir, embedder=self._given_embedder, progress=progress)

    def conversation(self) -> Conversation:
        from news_rag.rag.conversation import Conversation

        return Conversation(self)

    # --- retrieval --------------------------------------------------------------------
    def _settings_for(self, mode: str | None, k: int | None) -> Settings:
        if mode is not None and mode not in MODES:
            raise SettingsError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        changes: dict[str, Any] = {}
        if mode is not None:
            changes["mode"] = mode
        if k is not None:
            if k < 1:
                raise SettingsError(f"k must be at least 1 (got {k})")
            changes["k"] = k
        return self.settings.with_retrieval(**changes) if changes else self.settings

    def _retrieve(
        self,
        query: str,
        k: int,
        settings: Settings,
        filters: Filters | None,
        vector: npt.NDArray[np.float32] | None = None,
    ) -> list[Passage]:
        retriever = Retriever(self.reader, self.embedder)
        if filters is not None and not filters.is_empty() and not retriever.allowed_ids(filters):
            raise NoMatchError(f"no indexed article matches the filters {_describe(filters)}")
        scored = retriever.search(query, k, settings.retrieval, filters, query_vector=vector)
        passages = build_passages(self.reader, scored, settings.retrieval.dedupe_jaccard)
        if self._reranker is not None:
            passages = self._reranker.rerank(query, passages)
        return passages

    @_pinned
    def search(
        self,
        query: str,
        k: int = 10,
        *,
        filters: Filters | None = None,
        mode: str | None = None,
    ) -> list[Passage]:
        settings = self._settings_for(mode, k)
        text = validate_question(query, settings.answer.max_question_chars)
        return self._retrieve(text, k, settings, filters)

    @_parser_first
    @_pinned
    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        mode: str | None = None,
        k: int | None = None,
        context: str | None = None,
        prefer_articles: Sequence[str] = (),
        already_cited: Sequence[tuple[str, int]] = (),
        intent: Intent | None = None,
    ) -> Answer:
        """Answer with quoted, cited sentences, or abstain: parse, retrieve, answer.

        The question is parsed once (`rag.question.parse`); a `Conversation` passes the
        `intent` it parsed against the previous turn. `context` (text from elsewhere, e.g. an
        earlier question) joins the retrieval query; `prefer_articles` gives those articles'
        sentences a small boost, and `already_cited` (article id, start) sentences a
        penalty, so that a follow-up brings new information.
        """
        from news_rag.rag.answer.follow_up_bias import FollowUp
        from news_rag.rag.answer.respond import respond

        started = time.perf_counter()
        settings = self._settings_for(mode, k)
        text = validate_question(question, settings.answer.max_question_chars)
        early = self._early_vector(text) if intent is None and not context else None
        parsed = _parsed(text, intent, context)
        search = self._search_for(parsed, text, filters, early)
        passages = self._retrieve(
            search.query, settings.retrieval.k, settings, filters, search.vector
        )
        retrieved = time.perf_counter()
        follow_up = FollowUp(tuple(prefer_articles), tuple(already_cited))
        answer = respond(parsed, passages, self.reader, settings, search, self.embedder, follow_up)
        done = time.perf_counter()
        timings = {
            "retrieve": round((retrieved - started) * 1000, 1),
            "compose": round((done - retrieved) * 1000, 1),
            "total": round((done - started) * 1000, 1),
        }
        carried = parsed.is_follow_up or bool(context)
        resolved = parsed.query if carried else None
        return replace(answer, question=text, timings_ms=timings, resolved_question=resolved)

    def _early_vector(self, text: str) -> EarlyVector:
        """Start encoding the query a question asked on its own retrieves by (its text,
        as `parse` gives it back), to run beside the parse."""
        from news_rag.rag.early_vector import start_encoding

        return start_encoding(self.embedder, self._query_of(text.strip()))

    def _query_of(self, text: str) -> str:
        """The retrieval query for a question's query text: plus the name forms the corpus
        knows."""
        from news_rag.rag.question.acronyms import with_name_forms

        reader = self.reader
        return with_name_forms(text, reader.acronyms, reader.spellings)

    def _search_for(
        self, intent: Intent, text: str, filters: Filters | None, early: EarlyVector | None
    ) -> Search:
        """The retrieval query (the intent's, a follow-up's carrying the previous turn's
        focus, plus the name forms the corpus knows), its vector (`early`'s when it was
        started for this query) and the allowed articles."""
        from news_rag.rag.answer.respond import Search

        query = self._query_of(intent.query or text)
        vector = early.vector_for(query) if early is not None else None
        if vector is None:
            vector = self.embedder.encode([query])[0]
        return Search(query, vector, self._allowed_articles(filters))

    def _allowed_articles(self, filters: Filters | None) -> set[str] | None:
        """The ids of the articles `filters` allow; None without a filter."""
        if filters is None or filters.is_empty():
            return None
        reader = self.reader
        ids = Retriever(reader, self.embedder).allowed_ids(filters) or []
        return reader.chunk_article_ids().articles_of(ids)


def _parsed(text: str, intent: Intent | None, context: str | None) -> Intent:
    """The intent of the question `text`: the one given (a conversation's), else its parse,
    whose query `context` joins."""
    if intent is not None:
        return intent
    from news_rag.rag.question.parse import parse

    parsed = parse(text)
    if not context:
        return parsed
    return replace(parsed, query=f"{parsed.query or text} {context}")


def _describe(filters: Filters) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in filters.to_dict().items() if v)
