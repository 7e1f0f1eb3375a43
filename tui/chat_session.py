"""The open chat session: the one list of its turns, which this controller persists.

The chat screen asks it to add, forget, reopen or clear turns; it keeps the rag
`Conversation` (which resolves follow-ups) and the SQLite store in step. Nothing else holds
turns.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from news_rag.rag import Answer
from news_rag.tui.options import ChatOptions
from news_rag.tui.session_store import IndexIdentity, SessionInfo, SessionStore

if TYPE_CHECKING:
    from news_rag.rag import Conversation

NEW_CHAT = "New chat"
NAME_CHARS = 48


def session_name(question: str) -> str:
    """A new session is named after its first question."""
    name = " ".join(question.split())
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


@dataclass(frozen=True)
class ChatTurn:
    question: str
    answer: Answer
    options: ChatOptions  # the filters, mode and k it was asked with


class SessionController:
    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.session_id: int | None = None
        self.name = NEW_CHAT
        self.index: IndexIdentity | None = None  # the open index, once loaded
        self._turns: list[ChatTurn] = []
        self._conversation: Conversation | None = None

    @property
    def turns(self) -> tuple[ChatTurn, ...]:
        return tuple(self._turns)

    def attach(self, conversation: Conversation, index: IndexIdentity) -> None:
        """Use this conversation (a newly loaded index) and give it the turns."""
        self._conversation = conversation
        self.index = index
        self._sync()

    def _sync(self) -> None:
        if self._conversation is not None:
            from news_rag.rag import Turn

            self._conversation.replace_turns(Turn(t.question, t.answer) for t in self._turns)

    # --- sessions ---------------------------------------------------------------------
    def new(self) -> None:
        self.session_id, self.name, self._turns = None, NEW_CHAT, []
        self._sync()

    def info(self, session_id: int | None = None) -> SessionInfo | None:
        wanted = self.session_id if session_id is None else session_id
        return None if wanted is None else self.store.get(wanted)

    def belongs_here(self, session: SessionInfo) -> bool:
        return self.index is not None and session.index.matches(self.index)

    def latest_here(self) -> SessionInfo | None:
        return None if self.index is None else self.store.latest(self.index)

    def open(self, session_id: int) -> bool:
        """Load a stored session's turns (damaged ones are skipped); False if it is gone."""
        session = self.store.get(session_id)
        if session is None:
            return False
        turns = []
        for stored in self.store.turns(session_id):
            try:
                answer = Answer.from_dict(stored.answer)
            except (KeyError, TypeError, ValueError):
                continue  # a record from an incompatible version; skip it
            turns.append(ChatTurn(stored.question, answer, ChatOptions.from_dict(stored.options)))
        self.session_id, self.name, self._turns = session.id, session.name, turns
        self._sync()
        return True

    def refresh_name(self) -> bool:
        """Pick up a rename; False when the open session was deleted."""
        session = self.info()
        if session is None:
            return self.session_id is None
        self.name = session.name
        return True

    # --- turns ------------------------------------------------------------------------
    def add(self, turn: ChatTurn) -> str | None:
        """Keep and save a new turn (the conversation already has it: it asked it).
        Returns a one-line error when saving failed; the turn is kept on screen anyway."""
        self._turns.append(turn)
        try:
            if self.session_id is None:
                name = session_name(turn.question)
                self.session_id, self.name = self.store.create(name, self.index), name
            self.store.add_turn(
                self.session_id, turn.question, turn.answer.to_dict(), turn.options.to_dict()
            )
        except sqlite3.Error as exc:
            return f"The session was not saved: {exc}"
        return None

    def forget(self, answer: Answer) -> None:
        """A cancelled answer: drop it from the conversation's history."""
        if self._conversation is not None:
            self._conversation.discard(answer)
