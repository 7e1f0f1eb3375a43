"""The chat: messages, the "thinking" indicator and the question box. It owns the ask worker
and reports by its own messages: `AnswerStarted`, `AnswerReady` (with the turn) and
`AnswerFailed`, and `AnswerStopped` whenever a running answer ends (answered, failed or
cancelled). A cancelled ask's late answer is dropped from the conversation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from news_rag.rag import Answer, RagError
from news_rag.tui.chat_session import ChatTurn
from news_rag.tui.index_summary import IndexSummary
from news_rag.tui.options import ChatOptions
from news_rag.tui.widgets.chat_input import ChatInput
from news_rag.tui.widgets.messages import MessageList, QuestionView
from news_rag.tui.widgets.welcome import Welcome
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import LoadingIndicator
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from news_rag.rag import Conversation


class Chat(Vertical):
    @dataclass
    class AnswerStarted(Message):
        question: str

    class AnswerStopped(Message):
        """The running answer ended: answered, failed or cancelled."""

    @dataclass
    class AnswerReady(Message):
        turn: ChatTurn

    @dataclass
    class AnswerFailed(Message):
        question: str
        message: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.conversation: Conversation | None = None
        self.busy = False
        self.discarded = 0  # answers that arrived after being cancelled
        self.summary: IndexSummary | None = None
        self._serial = 0  # which ask is current; a cancelled ask's result is discarded
        self._pending: QuestionView | None = None

    def compose(self) -> ComposeResult:
        with MessageList(id="messages"):
            yield Welcome(None)
        yield LoadingIndicator(id="thinking")
        yield ChatInput(placeholder="Ask about the articles… (/help)", id="question")

    def on_mount(self) -> None:
        self.query_one("#thinking").display = False

    @property
    def messages(self) -> MessageList:
        return self.query_one(MessageList)

    @property
    def input(self) -> ChatInput:
        return self.query_one(ChatInput)

    # --- what is shown ----------------------------------------------------------------
    def show_welcome(self, summary: IndexSummary | None) -> None:
        self.summary = summary
        welcome = self.query_one(Welcome)
        welcome.show(summary)
        welcome.display = not self.messages.answers() and self._pending is None

    async def reset(self) -> None:
        """Stop any running answer and clear the messages (the welcome comes back)."""
        if self.busy:
            self.cancel()
        await self.messages.clear_messages()
        await self.messages.mount(Welcome(self.summary))

    def show_turn(self, turn: ChatTurn) -> None:
        self.query_one(Welcome).display = False
        self.messages.add_question(turn.question)
        self.messages.add_answer(turn.answer)

    # --- asking -----------------------------------------------------------------------
    def ask(self, question: str, options: ChatOptions) -> None:
        self.query_one(Welcome).display = False
        self._pending = self.messages.add_question(question)
        self._set_busy(True)
        self._serial += 1
        self.post_message(self.AnswerStarted(question))
        self._ask(question, options, self._serial)

    @work(thread=True, exclusive=True, group="ask", exit_on_error=False)
    def _ask(self, question: str, options: ChatOptions, serial: int) -> None:
        assert self.conversation is not None
        filters = None if options.filters.is_empty() else options.filters
        try:
            answer = self.conversation.ask(
                question, filters=filters, mode=options.mode, k=options.k
            )
        except RagError as exc:
            self.app.call_from_thread(self._failed, serial, question, str(exc))
            return
        self.app.call_from_thread(self._answered, serial, ChatTurn(question, answer, options))

    def _answered(self, serial: int, turn: ChatTurn) -> None:
        if serial != self._serial:
            self._forget(turn.answer)
            self.discarded += 1
            return
        self._set_busy(False)
        self._pending = None
        self.messages.add_answer(turn.answer)
        self.post_message(self.AnswerReady(turn))

    def _forget(self, answer: Answer) -> None:
        if self.conversation is not None:
            self.conversation.discard(answer)

    def _failed(self, serial: int, question: str, message: str) -> None:
        if serial != self._serial:
            return
        self._drop_pending(question)
        self.post_message(self.AnswerFailed(question, message))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An unexpected error in the worker: report it, give the input back."""
        error = event.worker.error
        if event.worker.group == "ask" and event.state is WorkerState.ERROR and error:
            question = self._pending.question if self._pending else ""
            if self.busy:
                self._drop_pending(question)
            self.post_message(self.AnswerFailed(question, f"{type(error).__name__}: {error}"))

    def cancel(self) -> str | None:
        """Stop the running answer; returns its question (put back in the input)."""
        if not self.busy:
            return None
        self._serial += 1
        self.workers.cancel_group(self, "ask")
        question = self._pending.question if self._pending else ""
        self._drop_pending(question)
        return question

    def _drop_pending(self, question: str) -> None:
        self._set_busy(False)
        if self._pending is not None:
            self._pending.remove()
            self._pending = None
        box = self.input
        if not box.value:
            box.value = question
            box.cursor_position = len(question)
        box.focus()
        if not self.messages.answers():
            self.query_one(Welcome).display = True

    def _set_busy(self, busy: bool) -> None:
        stopped = self.busy and not busy
        self.busy = busy
        self.query_one("#thinking").display = busy
        self.screen.refresh_bindings()
        if stopped:
            self.post_message(self.AnswerStopped())
