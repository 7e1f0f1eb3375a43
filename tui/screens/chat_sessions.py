"""The chat screen's sessions and export: a new chat, reopening a stored session (scrolled to
its last answer), the sessions dialog, switching to the index a session was held on, and
`/export`. `ChatScreen` (tui/screens/chat.py) builds on this and owns loading and asking."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from news_rag.tui.chat_session import SessionController
from news_rag.tui.export import export_path, write_export
from news_rag.tui.index_summary import IndexSummary
from news_rag.tui.options import ChatOptions
from news_rag.tui.screens.sessions import NEW_SESSION, SessionsScreen, other_index_dialog
from news_rag.tui.session_store import SessionStore
from news_rag.tui.slash import SlashError
from news_rag.tui.widgets.chat import Chat
from news_rag.tui.widgets.sources import SourcesPane
from textual import work
from textual.screen import Screen

if TYPE_CHECKING:
    from news_rag.rag import Assistant


class SessionScreen(Screen[None]):
    def __init__(
        self, assistant: Assistant | None, index_dir: Path | None, store: SessionStore
    ) -> None:
        super().__init__()
        self.assistant = assistant
        self.index_dir = index_dir
        self.session = SessionController(store)
        self.options = ChatOptions()
        self.summary = IndexSummary({}, (), ())
        self._open_when_loaded: int | None = None  # a session to reopen after a switch

    @property
    def chat(self) -> Chat:
        return self.query_one(Chat)

    @property
    def texts(self) -> dict[str, str]:
        return self.summary.texts

    def defaults(self) -> tuple[str, int]:
        settings = self.assistant.settings.retrieval if self.assistant else None
        return (settings.mode, settings.k) if settings else ("hybrid", 10)

    def _assistant(self) -> Assistant:
        if self.assistant is None:
            from news_rag.rag import Assistant

            self.assistant = Assistant.open(self.index_dir)
        return self.assistant

    def start_loading(self) -> None:
        """Load the model and index (the chat screen does)."""
        raise NotImplementedError

    # --- sessions ---------------------------------------------------------------------
    async def new_chat(self) -> None:
        self.session.new()
        self.sub_title = self.session.name
        await self.chat.reset()
        await self.query_one(SourcesPane).show(None, self.texts)

    async def action_new_chat(self) -> None:
        await self.new_chat()

    async def open_session(self, session_id: int) -> None:
        """Show a stored session's turns, scrolled to its last answer (where it left off)."""
        await self.new_chat()
        if self.session.open(session_id):
            self.sub_title = self.session.name
            for turn in self.session.turns:
                self.chat.show_turn(turn)
            self.chat.messages.scroll_to_last_answer()

    @work
    async def action_sessions(self) -> None:
        here = self.session.index
        screen = SessionsScreen(self.session.store, self.session.session_id, here)
        choice = await self.app.push_screen_wait(screen)
        if choice == NEW_SESSION:
            await self.new_chat()
        elif choice is not None:
            await self.reopen(choice)
        elif not self.session.refresh_name():
            await self.new_chat()  # the open session was deleted
        else:
            self.sub_title = self.session.name  # it may have been renamed

    async def reopen(self, session_id: int) -> None:
        """Reopen a session; one from another index offers to open that index instead."""
        session = self.session.info(session_id)
        if session is None:
            return
        if self.session.belongs_here(session):
            await self.open_session(session_id)
            return
        dialog = other_index_dialog(session, self.summary.describe())
        choice = await self.app.push_screen_wait(dialog)
        if choice == "open":
            self.switch_index(Path(session.index.path), session_id)
        elif choice == "new":
            await self.new_chat()

    def switch_index(self, index_dir: Path, session_id: int | None = None) -> None:
        """Load another index (keeping the model) and then reopen `session_id` on it."""
        from news_rag.rag import Assistant

        current = self._assistant()
        self.assistant = Assistant.open(index_dir, current.settings, embedder=current.embedder)
        self.index_dir = index_dir
        self._open_when_loaded = session_id
        self.run_worker(self.new_chat())
        self.start_loading()

    # --- export -----------------------------------------------------------------------
    def export(self, argument: str) -> None:
        """`/export FILE.md|FILE.json`: raises SlashError with a one-line reason on failure."""
        if not argument:
            raise SlashError("/export needs a file name, e.g. /export chat.md or chat.json")
        if not self.session.turns:
            raise SlashError("nothing to export yet")
        target = export_path(argument)
        mode, k = self.defaults()
        try:
            path = write_export(
                target, self.session.name, self.session.turns, self.session.index, mode, k
            )
        except OSError as exc:
            raise SlashError(f"cannot write {target}: {exc.strerror or exc}") from exc
        self.notify(f"Wrote {path}", title="Export", markup=False)

    def export_default(self, suffix: str = ".md") -> None:
        """Export to chat-<session><suffix> in the current directory (command palette)."""
        try:
            self.export(f"chat-{self.session.session_id or 'new'}{suffix}")
        except SlashError as exc:
            self.notify(str(exc), severity="error", title="Export", markup=False)
