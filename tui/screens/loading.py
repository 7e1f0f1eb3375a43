"""Loading the model and index in a thread worker, and offering to build the bundled sample
when no index exists yet. The chat screen builds on this; the UI paints before loading ends."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from news_rag.rag import IndexNotFoundError, RagError
from news_rag.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from news_rag.rag import Assistant


@dataclass(frozen=True)
class IndexSummary:
    """What the chat needs from the loaded index: article texts and filter values."""

    texts: dict[str, str]
    outlets: tuple[str, ...]
    authors: tuple[str, ...]

    @classmethod
    def of(cls, assistant: Assistant) -> IndexSummary:
        articles = assistant.articles()
        return cls(
            texts={a.id: a.text for a in articles},
            outlets=tuple(sorted({a.outlet for a in articles if a.outlet})),
            authors=tuple(sorted({name for a in articles for name in a.authors})),
        )


REBUILD_HINT = "Fix it with: rag index --rebuild (or rag index --index DIR for another folder)"


class LoadingScreen(Screen[None]):
    """A screen whose assistant loads in the background; subclasses implement the hooks."""

    def __init__(self, assistant: Assistant | None, index_dir: Path | None) -> None:
        super().__init__()
        self.assistant = assistant
        self.index_dir = index_dir
        self.ready = False
        self.not_ready_reason = "The model and index are still loading…"

    # --- hooks ------------------------------------------------------------------------
    def set_state(self, text: str) -> None:
        raise NotImplementedError

    def index_ready(self, assistant: Assistant, summary: IndexSummary) -> None:
        raise NotImplementedError

    # --- helpers ----------------------------------------------------------------------
    def to_ui(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run `callback(*args)` on the UI thread (from a worker thread)."""
        # RuntimeError: the app closed while the worker ran; nothing is left to update.
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(callback, *args)

    def start_loading(self) -> None:
        self.ready = False
        self.set_state("Loading the model and index…")
        self.not_ready_reason = "The model and index are still loading…"
        self._load()

    def _open(self) -> Assistant:
        if self.assistant is None:
            from news_rag.rag import Assistant

            self.assistant = Assistant.open(self.index_dir)
        return self.assistant

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        self._load_here()

    def _load_here(self) -> None:
        """Open and load the index in this (worker) thread, then report to the UI."""
        try:
            assistant = self._open()
            assistant.load()
            summary = IndexSummary.of(assistant)
        except IndexNotFoundError as exc:
            self.to_ui(self._offer_sample, str(exc))
            return
        except RagError as exc:
            self.to_ui(self._load_failed, str(exc))
            return
        self.to_ui(self._loaded, assistant, summary)

    def _loaded(self, assistant: Assistant, summary: IndexSummary) -> None:
        self.ready = True
        self.set_state(f"Ready · {len(summary.texts)} articles")
        self.index_ready(assistant, summary)

    def _load_failed(self, message: str) -> None:
        hint = "" if "rag index" in message else f" {REBUILD_HINT}"
        self.not_ready_reason = f"The index cannot be used: {message}.{hint}"
        self.set_state("Index unusable — see the message; rag index --rebuild fixes most cases")
        self.notify(self.not_ready_reason, severity="error", title="Index", markup=False)

    def _offer_sample(self, message: str) -> None:
        self.not_ready_reason = f"No index yet ({message})."
        self.set_state("No index yet")
        question = (
            "No index was found here yet.\n\n"
            "Build one now from the five bundled sample articles? (about a minute)"
        )

        def answered(build: bool | None) -> None:
            if build:
                self.set_state("Building the sample index…")
                self._build_sample()
            else:
                self.not_ready_reason = (
                    "There is no index yet. Build one with: rag index PATH… "
                    "(or restart the chat and accept the sample)."
                )
                self.set_state("No index — build one with: rag index PATH")

        self.app.push_screen(ConfirmScreen(question, yes="Build it", no="Not now"), answered)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _build_sample(self) -> None:
        def progress(stage: str, done: int, total: int) -> None:
            self.to_ui(self.set_state, f"Building the sample index: {stage} {done}/{total}")

        try:
            assistant = self._open()
            assistant.build_index(progress=progress)
        except RagError as exc:
            self.to_ui(self._load_failed, str(exc))
            return
        self.to_ui(self.set_state, "Loading the model and index…")
        self._load_here()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failure that is not a RagError: say so in one line, keep the app usable."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            if event.worker.group == "load":
                self._load_failed(f"{type(error).__name__}: {error}")
            else:
                self.worker_failed(error)

    def worker_failed(self, error: BaseException) -> None:
        self.notify(
            f"{type(error).__name__}: {error}", severity="error", title="Error", markup=False
        )
