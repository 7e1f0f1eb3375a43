"""The chat's session side: the turns shown, saving them, reopening and exporting sessions.
`ChatScreen` builds on this and supplies the display hooks."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from news_rag.rag import Answer
from news_rag.tui.export import write_markdown
from news_rag.tui.records import answer_from_dict
from news_rag.tui.screens.loading import LoadingScreen
from news_rag.tui.screens.sessions import NEW_SESSION, SessionsScreen
from news_rag.tui.sessions import SessionStore
from news_rag.tui.slash import SlashError

if TYPE_CHECKING:
    from news_rag.rag import Assistant, Conversation

NEW_CHAT = "New chat"
NAME_CHARS = 48


def session_name(question: str) -> str:
    """A new session is named after its first question."""
    name = " ".join(question.split())
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


class SessionScreen(LoadingScreen):
    def __init__(
        self, assistant: Assistant | None, index_dir: Path | None, store: SessionStore
    ) -> None:
        super().__init__(assistant, index_dir)
        self.store = store
        self.conversation: Conversation | None = None
        self.turns: list[tuple[str, Answer]] = []
        self.session_id: int | None = None

    # --- hooks ------------------------------------------------------------------------
    def reset_display(self) -> None:
        """Stop any running answer and clear the messages and sources."""
        raise NotImplementedError

    def show_turn(self, question: str, answer: Answer) -> None:
        raise NotImplementedError

    # --- sessions ---------------------------------------------------------------------
    def sync_conversation(self) -> None:
        """Give the rag conversation the turns on screen, so follow-ups resolve."""
        if self.conversation is not None:
            from news_rag.rag import Turn

            self.conversation.turns[:] = [Turn(q, a) for q, a in self.turns]

    def new_chat(self) -> None:
        self.reset_display()
        self.session_id, self.turns = None, []
        self.sub_title = NEW_CHAT
        self.sync_conversation()

    def action_new_chat(self) -> None:
        self.new_chat()

    def open_session(self, session_id: int) -> None:
        session = self.store.get(session_id)
        if session is None:
            return
        self.new_chat()
        self.session_id, self.sub_title = session.id, session.name
        for stored in self.store.turns(session_id):
            try:
                answer = answer_from_dict(stored.answer)
            except (KeyError, TypeError, ValueError):
                continue  # a record from an incompatible version; skip it
            self.show_turn(stored.question, answer)
            self.turns.append((stored.question, answer))
        self.sync_conversation()

    def save_turn(self, question: str, answer: Answer) -> None:
        self.turns.append((question, answer))
        try:
            if self.session_id is None:
                name = session_name(question)
                self.session_id, self.sub_title = self.store.create(name), name
            self.store.add_turn(self.session_id, question, answer.to_dict())
        except sqlite3.Error as exc:
            self.notify(f"The session was not saved: {exc}", severity="error", title="Sessions")

    @work
    async def action_sessions(self) -> None:
        choice = await self.app.push_screen_wait(SessionsScreen(self.store, self.session_id))
        current = self.store.get(self.session_id) if self.session_id is not None else None
        if choice == NEW_SESSION:
            self.new_chat()
        elif choice is not None:
            self.open_session(choice)
        elif self.session_id is not None and current is None:
            self.new_chat()  # the open session was deleted
        elif current is not None:
            self.sub_title = current.name  # it may have been renamed

    # --- export -----------------------------------------------------------------------
    def export(self, argument: str) -> None:
        """`/export FILE.md`: raises SlashError with a one-line reason on failure."""
        if not argument:
            raise SlashError("/export needs a file name, e.g. /export chat.md")
        if not self.turns:
            raise SlashError("nothing to export yet")
        try:
            path = write_markdown(Path(argument), self.sub_title or NEW_CHAT, self.turns)
        except OSError as exc:
            raise SlashError(f"cannot write {argument}: {exc.strerror or exc}") from exc
        self.notify(f"Wrote {path}", title="Export", markup=False)

    def export_default(self) -> None:
        """Export to chat-<session>.md in the current directory (command palette)."""
        try:
            self.export(f"chat-{self.session_id or 'new'}.md")
        except SlashError as exc:
            self.notify(str(exc), severity="error", title="Export", markup=False)
