"""The chat screen: the chat on the left, sources on the right (below, when narrow), a status
line with the active filters, and the footer. It wires the parts together: the `IndexLoader`
reports the index, the `Chat` widget reports answers, the `SessionController` keeps turns
(sessions and export: `SessionScreen`, tui/screens/chat_sessions.py)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from news_rag.rag import RagError
from news_rag.rag.render_markdown import answer_markdown
from news_rag.tui.options import ChatOptions
from news_rag.tui.screens.article import ArticleScreen
from news_rag.tui.screens.chat_sessions import SessionScreen
from news_rag.tui.screens.settings import SettingsScreen
from news_rag.tui.session_store import SessionStore
from news_rag.tui.slash import FILTER_COMMANDS, SlashError, apply_filter, parse
from news_rag.tui.widgets.chat import Chat
from news_rag.tui.widgets.chat_input import ChatInput
from news_rag.tui.widgets.key_footer import KeyFooter
from news_rag.tui.widgets.loader import IndexLoader
from news_rag.tui.widgets.messages import AnswerView, MessageList
from news_rag.tui.widgets.sources import SourcesPane
from news_rag.tui.widgets.status import StatusLine
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Header, Input

if TYPE_CHECKING:
    from news_rag.rag import Assistant

REBUILD_HINT = "Fix it with: rag index --rebuild (or rag index --index DIR for another folder)"
LOADING = "The model and index are still loading…"


# Below NARROW_WIDTH columns the sources pane moves under the chat. Below
# CONFLICT_COLUMNS_MIN_WIDTH the sides of a disagreement are stacked instead of set side by
# side: the chat pane is 3/5 of the screen, and after the bubble's margin, border and padding
# and each side's own border and padding, two columns at 100 screen columns leave about 22
# characters a line (three or four words, the narrowest a quote stayed readable in the
# snapshots; at 80 columns it was 14 and words broke mid-word).
NARROW_WIDTH = 80
CONFLICT_COLUMNS_MIN_WIDTH = 100


class ChatScreen(SessionScreen):
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual reads it as a class variable)
        (0, "-narrow"),
        (NARROW_WIDTH, "-medium"),
        (CONFLICT_COLUMNS_MIN_WIDTH, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel_answer", "Cancel answer", tooltip="Stop the running answer"),
        Binding("f2", "settings", "Settings", tooltip="Filters, mode and k"),
        Binding("f3", "sessions", "Sessions", tooltip="Reopen, rename or delete sessions"),
        Binding("f4", "copy_answer", "Copy", tooltip="Copy the selected answer and sources"),
        Binding("f5", "uncited", "Uncited", tooltip="Passages the answer did not cite"),
        Binding("f9", "more_quotes", "All quotes", tooltip="The quotes left out of the answer"),
        Binding("f6", "example(0)", "Example 1", show=False),
        Binding("f7", "example(1)", "Example 2", show=False),
        Binding("f8", "example(2)", "Example 3", show=False),
        Binding("ctrl+n", "new_chat", "New chat", show=False),
        Binding("alt+up", "select_answer(-1)", "Previous answer", show=False),
        Binding("alt+down", "select_answer(1)", "Next answer", show=False),
    ]

    def __init__(
        self, assistant: Assistant | None, index_dir: Path | None, store: SessionStore
    ) -> None:
        super().__init__(assistant, index_dir, store)
        self.ready = False
        self.ready_at: float | None = None  # time.time() when the screen last showed it ready
        self.not_ready_reason = LOADING

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Chat(id="chat")
            yield SourcesPane(id="sources")
        yield StatusLine(id="status")
        yield KeyFooter()
        yield IndexLoader()

    @property
    def busy(self) -> bool:
        return self.chat.busy

    def on_mount(self) -> None:
        self.sub_title = self.session.name
        self.query_one(ChatInput).focus()
        self.start_loading()

    # --- loading ----------------------------------------------------------------------
    def start_loading(self) -> None:
        self.ready = False
        self.not_ready_reason = LOADING
        self.set_state("Loading the model and index…")
        try:
            self.query_one(IndexLoader).load(self._assistant())
        except RagError as exc:  # e.g. an unusable index directory setting
            self._load_failed(str(exc))

    @on(IndexLoader.Progress)
    def _progress(self, event: IndexLoader.Progress) -> None:
        self.set_state(event.text)

    @on(IndexLoader.Loaded)
    async def _loaded(self, event: IndexLoader.Loaded) -> None:
        self.ready = True
        self.summary = event.summary
        self.chat.conversation = event.assistant.conversation()
        self.session.attach(self.chat.conversation, event.summary.identity)
        self.set_state(f"Ready · {event.summary.articles} articles")
        self.chat.show_welcome(event.summary)
        wanted = self._open_when_loaded
        self._open_when_loaded = None
        if wanted is not None:
            await self.open_session(wanted)
        elif self.session.session_id is None and not self.session.turns:
            latest = self.session.latest_here()
            if latest is not None:
                await self.open_session(latest.id)
        messages = self.query_one(MessageList)
        if messages.selected is not None:
            messages.select(messages.selected)  # re-render sources with the article texts
        self.call_after_refresh(self._shown_ready, event.assistant)

    def _shown_ready(self, assistant: Assistant) -> None:
        """The screen shows the index ready: note when (`rag benchmark coldstart` reports
        it), then start loading the question parser, whose imports hold the GIL
        (`Assistant.load`)."""
        self.ready_at = time.time()
        assistant.preload_parser()

    @on(IndexLoader.Failed)
    def _failed_to_load(self, event: IndexLoader.Failed) -> None:
        self._load_failed(event.message)

    def _load_failed(self, message: str) -> None:
        hint = "" if "rag index" in message else f" {REBUILD_HINT}"
        self.not_ready_reason = f"The index cannot be used: {message}.{hint}"
        self.set_state("Index unusable — see the message; rag index --rebuild fixes most cases")
        self.notify(self.not_ready_reason, severity="error", title="Index", markup=False)

    @on(IndexLoader.Missing)
    def _missing(self, event: IndexLoader.Missing) -> None:
        self.not_ready_reason = f"No index yet ({event.message})."
        self.set_state("No index yet")

    @on(IndexLoader.Declined)
    def _declined(self, event: IndexLoader.Declined) -> None:
        self.not_ready_reason = (
            "There is no index yet. Build one with: rag index PATH… "
            "(or restart the chat and accept the sample)."
        )
        self.set_state("No index — build one with: rag index PATH")

    # --- status (typing from any focus reaches the question box: tui.keyboard) ----------
    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def _state(self) -> str:
        """What the status line says the chat is doing (tests report it when loading fails)."""
        return self.status.doing

    def set_state(self, text: str) -> None:
        status = self.status
        status.set_options(self.options.describe(*self.defaults()))
        status.set_doing(text)

    def set_options(self, options: ChatOptions) -> None:
        self.options = options
        self.status.set_options(options.describe(*self.defaults()))

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
        elif not self.ready or self.chat.conversation is None:
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
        self.chat.ask(question, self.options)

    def action_example(self, number: int) -> None:
        examples = self.summary.examples
        if number >= len(examples):
            self.notify("No example question with that key.", severity="warning")
        elif not self.ready or self.busy:
            self.notify(self.not_ready_reason if not self.ready else "Still answering.")
        else:
            self.ask(examples[number])

    @on(Chat.AnswerStarted)
    def _started(self, event: Chat.AnswerStarted) -> None:
        self.status.start_answering()
        self.refresh_bindings()

    @on(Chat.AnswerStopped)
    def _stopped(self, event: Chat.AnswerStopped) -> None:
        self.status.stop_answering()

    @on(Chat.AnswerReady)
    def _answered(self, event: Chat.AnswerReady) -> None:
        problem = self.session.add(event.turn)
        self.sub_title = self.session.name
        if problem:
            self.notify(problem, severity="error", title="Sessions", markup=False)

    @on(Chat.AnswerFailed)
    def _failed(self, event: Chat.AnswerFailed) -> None:
        self.notify(event.message, severity="error", title="Could not answer", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_answer":
            return self.busy
        return True

    def action_cancel_answer(self) -> None:
        if self.chat.cancel() is not None:
            self.notify("Answer cancelled.")

    # --- sources and articles ---------------------------------------------------------
    @on(AnswerView.Selected)
    async def _answer_selected(self, event: AnswerView.Selected) -> None:
        await self.query_one(SourcesPane).show(event.view.answer, self.texts)

    async def action_uncited(self) -> None:
        """F5: the passages the selected answer did not cite, and back."""
        selected = self.query_one(MessageList).selected
        problem = await self.query_one(SourcesPane).toggle_uncited(selected, self.texts)
        if problem:
            self.notify(problem, severity="warning")

    async def action_more_quotes(self) -> None:
        """F9: the quotes left out of the selected answer (the rest of X's statements), and
        back."""
        selected = self.query_one(MessageList).selected
        problem = await self.query_one(SourcesPane).toggle_more(selected, self.texts)
        if problem:
            self.notify(problem, severity="warning")

    @on(SourcesPane.OpenCitation)
    def _open_citation(self, event: SourcesPane.OpenCitation) -> None:
        citation = event.citation
        text = self.texts.get(citation.article_id)
        if text is None and self.assistant is not None and self.ready:
            try:  # indexed after the chat loaded: the assistant reads the newest generation
                text = self.assistant.article(citation.article_id).text
            except RagError:
                text = None
        if text is None or text[citation.char_start : citation.char_end] != citation.quote:
            self.notify(
                f"Article {citation.article_id} is not in the current index (or has changed).",
                severity="error",
                title="Article",
                markup=False,
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

    # --- commands and settings --------------------------------------------------------
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
                self.run_worker(self.new_chat())
            elif command.name == "/help":
                self.app.action_help()  # type: ignore[attr-defined]
            elif command.name == "/export":
                self.export(command.argument)
        except SlashError as exc:
            self.notify(str(exc), severity="error", title="Command", markup=False)

    def filter_values(self) -> dict[str, list[str]]:
        """Outlets, authors and dateline places in the index, for the command palette."""
        return {
            "outlet": list(self.summary.outlets),
            "author": list(self.summary.authors),
            "dateline": list(self.summary.datelines),
        }

    @work
    async def action_settings(self) -> None:
        mode, k = self.defaults()
        options = await self.app.push_screen_wait(SettingsScreen(self.options, mode, k))
        if options is not None:
            self.set_options(options)
