"""The chat screen: messages and input on the left, sources on the right (below, when narrow),
a status line with the active filters, and the footer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, LoadingIndicator, Static

from news_rag.rag import Answer, RagError
from news_rag.tui.export import answer_markdown
from news_rag.tui.options import ChatOptions
from news_rag.tui.screens.article import ArticleScreen
from news_rag.tui.screens.loading import IndexSummary
from news_rag.tui.screens.session_base import NEW_CHAT, SessionScreen
from news_rag.tui.screens.settings import SettingsScreen
from news_rag.tui.sessions import SessionStore
from news_rag.tui.slash import FILTER_COMMANDS, SlashError, apply_filter, parse
from news_rag.tui.widgets.chat_input import ChatInput
from news_rag.tui.widgets.messages import AnswerView, MessageList, QuestionView
from news_rag.tui.widgets.sources import SourcesPane

if TYPE_CHECKING:
    from news_rag.rag import Assistant


class ChatScreen(SessionScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel_answer", "Cancel answer", tooltip="Stop the running answer"),
        Binding("f2", "settings", "Settings", tooltip="Filters, mode and k"),
        Binding("f3", "sessions", "Sessions", tooltip="Reopen, rename or delete sessions"),
        Binding("f4", "copy_answer", "Copy", tooltip="Copy the selected answer and sources"),
        Binding("ctrl+n", "new_chat", "New chat", show=False),
        Binding("alt+up", "select_answer(-1)", "Previous answer", show=False),
        Binding("alt+down", "select_answer(1)", "Next answer", show=False),
    ]

    def __init__(
        self, assistant: Assistant | None, index_dir: Path | None, store: SessionStore
    ) -> None:
        super().__init__(assistant, index_dir, store)
        self.options = ChatOptions()
        self.texts: dict[str, str] = {}
        self.summary = IndexSummary({}, (), ())
        self.busy = False
        self._serial = 0  # which ask is current; a cancelled ask's result is discarded
        self._pending: QuestionView | None = None
        self.discarded = 0  # answers that arrived after being cancelled
        self._state = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield MessageList(id="messages")
                yield LoadingIndicator(id="thinking")
                yield ChatInput(placeholder="Ask about the articles… (/help)", id="question")
            yield SourcesPane(id="sources")
        yield Static(id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = NEW_CHAT
        self.query_one("#thinking").display = False
        self.query_one("#question").focus()
        latest = self.store.latest()
        if latest is not None:
            self.open_session(latest.id)
        self.start_loading()

    # --- status -----------------------------------------------------------------------
    def set_state(self, text: str) -> None:
        self._state = text
        settings = self.assistant.settings.retrieval if self.assistant else None
        mode, k = (settings.mode, settings.k) if settings else ("hybrid", 10)
        line = f"{text} │ {self.options.describe(mode, k)}"
        self.query_one("#status", Static).update(line)

    def index_ready(self, assistant: Assistant, summary: IndexSummary) -> None:
        self.texts = summary.texts
        self.summary = summary
        self.conversation = assistant.conversation()
        self.sync_conversation()
        self.set_state(self._state)
        messages = self.query_one(MessageList)
        if messages.selected is not None:
            messages.select(messages.selected)  # re-render sources with passages

    # --- asking -----------------------------------------------------------------------
    @on(Input.Submitted, "#question")
    def _submitted(self, event: Input.Submitted) -> None:
        box = self.query_one(ChatInput)
        text = event.value.strip()
        if not text:
            return
        box.remember(text)
        if text.startswith("/"):
            box.value = ""
            self.run_command(text)
        elif self.busy:
            self.notify("Still answering — press Esc to cancel.", severity="warning")
        elif not self.ready or self.assistant is None or self.conversation is None:
            self.notify(self.not_ready_reason, severity="warning", markup=False)
        else:
            box.value = ""
            self.ask(text)

    def ask(self, question: str) -> None:
        assert self.assistant is not None
        limit = self.assistant.settings.answer.max_question_chars
        if len(question) > limit:
            question = question[:limit]
            self.notify(f"The question was cut to its first {limit} characters.")
        self._pending = self.query_one(MessageList).add_question(question)
        self._set_busy(True)
        self._serial += 1
        self._ask(question, self.options, self._serial)

    @work(thread=True, exclusive=True, group="ask", exit_on_error=False)
    def _ask(self, question: str, options: ChatOptions, serial: int) -> None:
        assert self.conversation is not None
        filters = None if options.filters.is_empty() else options.filters
        try:
            answer = self.conversation.ask(
                question, filters=filters, mode=options.mode, k=options.k
            )
        except RagError as exc:
            self.to_ui(self._failed, serial, question, str(exc))
            return
        self.to_ui(self._answered, serial, question, answer)

    def _answered(self, serial: int, question: str, answer: Answer) -> None:
        if serial != self._serial:
            self._forget(answer)
            self.discarded += 1
            return
        self._set_busy(False)
        self._pending = None
        self.query_one(MessageList).add_answer(answer)
        self.save_turn(question, answer)

    def _failed(self, serial: int, question: str, message: str) -> None:
        if serial != self._serial:
            return
        self._drop_pending(question)
        self.notify(message, severity="error", title="Could not answer", markup=False)

    def worker_failed(self, error: BaseException) -> None:
        """An unexpected error in the answer worker: report it, give the input back."""
        if self.busy:
            self._drop_pending(self._pending.question if self._pending else "")
        super().worker_failed(error)

    def _forget(self, answer: Answer) -> None:
        """Drop a cancelled answer from the conversation history."""
        if self.conversation is not None:
            turns = self.conversation.turns
            turns[:] = [t for t in turns if t.answer is not answer]

    def _drop_pending(self, question: str) -> None:
        self._set_busy(False)
        if self._pending is not None:
            self._pending.remove()
            self._pending = None
        box = self.query_one(ChatInput)
        if not box.value:
            box.value = question
            box.cursor_position = len(question)
        box.focus()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.query_one("#thinking").display = busy
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_answer":
            return self.busy
        return True

    def action_cancel_answer(self) -> None:
        if not self.busy:
            return
        self._serial += 1
        self.workers.cancel_group(self, "ask")
        question = self._pending.question if self._pending else ""
        self._drop_pending(question)
        self.notify("Answer cancelled.")

    def reset_display(self) -> None:
        if self.busy:
            self.action_cancel_answer()
        self.query_one(MessageList).remove_children()
        self.run_worker(self.query_one(SourcesPane).show(None, self.texts))

    def show_turn(self, question: str, answer: Answer) -> None:
        messages = self.query_one(MessageList)
        messages.add_question(question)
        messages.add_answer(answer)

    # --- sources and articles ---------------------------------------------------------
    @on(AnswerView.Selected)
    async def _answer_selected(self, event: AnswerView.Selected) -> None:
        await self.query_one(SourcesPane).show(event.view.answer, self.texts)

    @on(SourcesPane.OpenCitation)
    def _open_citation(self, event: SourcesPane.OpenCitation) -> None:
        citation = event.citation
        text = self.texts.get(citation.article_id)
        if text is None or text[citation.char_start : citation.char_end] != citation.quote:
            self.notify(
                f"Article {citation.article_id} is not in the current index (or has changed).",
                severity="error",
                title="Article",
            )
            return
        self.app.push_screen(ArticleScreen(citation, text))

    def action_select_answer(self, step: int) -> None:
        self.query_one(MessageList).select_relative(step)

    def action_copy_answer(self) -> None:
        selected = self.query_one(MessageList).selected
        if selected is None:
            self.notify("No answer to copy yet.", severity="warning")
            return
        self.app.copy_to_clipboard(answer_markdown(selected.answer))
        self.notify(f"Copied the answer with {len(selected.answer.citations)} source(s).")

    # --- commands, settings, sessions ------------------------------------------------
    def run_command(self, text: str) -> None:
        """Carry out a slash command (also what the command palette runs)."""
        try:
            command = parse(text)
            if command is None:
                return
            if command.name in FILTER_COMMANDS:
                self.set_options(apply_filter(command, self.options))
            elif command.name == "/clear":
                self.set_options(ChatOptions())
                self.new_chat()
            elif command.name == "/help":
                self.app.action_help()  # type: ignore[attr-defined]
            elif command.name == "/export":
                self.export(command.argument)
        except SlashError as exc:
            self.notify(str(exc), severity="error", title="Command", markup=False)

    def set_options(self, options: ChatOptions) -> None:
        self.options = options
        self.set_state(self._state)

    def filter_values(self) -> dict[str, list[str]]:
        """Outlets and authors in the index, for the command palette."""
        return {"outlet": list(self.summary.outlets), "author": list(self.summary.authors)}

    @work
    async def action_settings(self) -> None:
        settings = self.assistant.settings.retrieval if self.assistant else None
        mode, k = (settings.mode, settings.k) if settings else ("hybrid", 10)
        options = await self.app.push_screen_wait(SettingsScreen(self.options, mode, k))
        if options is not None:
            self.set_options(options)
