"""Loads the model and index in a thread worker and reports by messages, so the UI paints at
once. With no index yet it offers to build the bundled sample. An invisible widget: the chat
screen mounts one."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from news_rag.rag import IndexNotFoundError, RagError
from news_rag.tui.index_summary import IndexSummary
from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from news_rag.rag import Assistant


class IndexLoader(Widget):
    DEFAULT_CSS = "IndexLoader { display: none; }"

    @dataclass
    class Progress(Message):
        text: str

    @dataclass
    class Loaded(Message):
        assistant: Assistant
        summary: IndexSummary

    @dataclass
    class Missing(Message):
        """There is no index at the assistant's directory yet."""

        message: str

    @dataclass
    class Declined(Message):
        """The user chose not to build the sample."""

    @dataclass
    class Failed(Message):
        message: str

    def on_index_loader_missing(self, event: Missing) -> None:
        """Offer the sample (the event then bubbles on to the screen)."""
        from news_rag.tui.screens.confirm import ConfirmScreen

        question = (
            "No index was found here yet.\n\n"
            "Build one now from the five bundled sample articles? (about a minute)"
        )
        assistant = self._assistant

        def answered(build: bool | None) -> None:
            if build and assistant is not None:
                self.post_message(self.Progress("Building the sample index…"))
                self.build_sample(assistant)
            else:
                self.post_message(self.Declined())

        self.app.push_screen(ConfirmScreen(question, yes="Build it", no="Not now"), answered)

    def _post(self, message: Message) -> None:
        # RuntimeError: the app closed while the worker ran; nothing is left to update.
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self.post_message, message)

    def __init__(self) -> None:
        super().__init__()
        self._assistant: Assistant | None = None

    def load(self, assistant: Assistant) -> None:
        self._assistant = assistant
        self._load(assistant)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, assistant: Assistant) -> None:
        self._load_here(assistant)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def build_sample(self, assistant: Assistant) -> None:
        def progress(stage: str, done: int, total: int) -> None:
            self._post(self.Progress(f"Building the sample index: {stage} {done}/{total}"))

        try:
            assistant.build_index(progress=progress)
        except RagError as exc:
            self._post(self.Failed(str(exc)))
            return
        self._post(self.Progress("Loading the model and index…"))
        self._load_here(assistant)

    def _load_here(self, assistant: Assistant) -> None:
        try:
            assistant.load(parser=False)  # the chat screen starts the parser once painted
            summary = IndexSummary.of(assistant)
        except IndexNotFoundError as exc:
            self._post(self.Missing(str(exc)))
            return
        except RagError as exc:
            self._post(self.Failed(str(exc)))
            return
        self._post(self.Loaded(assistant, summary))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failure that is not a RagError: one line, and the app stays usable."""
        error = event.worker.error
        if event.state is WorkerState.ERROR and error is not None:
            self.post_message(self.Failed(f"{type(error).__name__}: {error}"))
