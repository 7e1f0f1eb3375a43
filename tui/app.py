"""`ChatApp`: the chat UI for the news assistant. Thin: screens own layout, widgets behaviour."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from news_rag.tui.commands import ChatCommands
from news_rag.tui.keyboard import route_to_question
from news_rag.tui.session_store import SessionStore, default_sessions_path
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from news_rag.rag import Assistant
    from news_rag.tui.screens.chat import ChatScreen


class ChatApp(App[None]):
    TITLE = "News RAG"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    COMMANDS = App.COMMANDS | {ChatCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # F1 only: "?" and every other printable key type into the question box
        Binding("f1", "help", "Help", tooltip="Every key and command"),
        Binding("ctrl+t", "toggle_dark", "Light/dark", tooltip="Switch light and dark theme"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        assistant: Assistant | None = None,
        *,
        index_dir: Path | None = None,
        sessions_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.assistant = assistant if assistant is not None else _opened(index_dir)
        if self.assistant is not None:
            # while Textual builds the screen; the chat screen's loader waits for it and
            # reports its errors (issue 22: with the parser started once the screen shows
            # ready, the sample's chat was ready in 0.92-1.00 s, from 1.61-1.69 s)
            self.assistant.start_loading()
        self.index_dir = index_dir
        self.store = SessionStore(sessions_path or default_sessions_path())

    def on_mount(self) -> None:
        from news_rag.tui.screens.chat import ChatScreen

        self.chat: ChatScreen = ChatScreen(self.assistant, self.index_dir, self.store)
        self.push_screen(self.chat)
        if self.store.recovered_from is not None:
            self.notify(
                f"The sessions database was unreadable; it was moved to "
                f"{self.store.recovered_from} and a new one started.",
                severity="warning",
                title="Sessions",
                markup=False,
            )

    async def on_event(self, event: events.Event) -> None:
        # keys and pastes reach the question box from any focus, before Textual forwards them
        if route_to_question(self, event):
            return
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.store.close()

    def action_help(self) -> None:
        from news_rag.tui.screens.article import ArticleScreen
        from news_rag.tui.screens.chat import ChatScreen
        from news_rag.tui.screens.help import HelpScreen
        from news_rag.tui.screens.sessions import SessionsScreen
        from news_rag.tui.widgets.chat_input import ChatInput
        from news_rag.tui.widgets.sources import SourcesPane

        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("Anywhere", self.BINDINGS),
            ("Chat", ChatScreen.BINDINGS),
            ("Question box", ChatInput.BINDINGS),
            ("Sources", SourcesPane.BINDINGS),
            ("Article", ArticleScreen.BINDINGS),
            ("Sessions", SessionsScreen.BINDINGS),
        ]
        self.push_screen(HelpScreen(sections))


def _opened(index_dir: Path | None) -> Assistant | None:
    """The assistant of `index_dir` (the default index when None); None when that setting
    is unusable, which the chat screen then reports when it opens it itself."""
    from news_rag.rag import Assistant, RagError

    try:
        return Assistant.open(index_dir)
    except RagError:
        return None
