"""`rag ask -c` / `rag ask --session ID`: a question asked as the next turn of a chat session.

The session is read from the chat's store, its turns given to a `Conversation` (so "he" or
"the next day" resolves against the previous turn exactly as in the chat), and the new turn
is saved there: `rag chat` reopens it, `rag sessions show` prints it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from news_rag.cli.common import UserError

if TYPE_CHECKING:
    from news_rag.rag import Answer, Assistant, Filters


def ask_in_session(
    assistant: Assistant,
    question: str,
    session_id: int | None,
    filters: Filters | None,
    mode: str | None,
    k: int | None,
) -> tuple[Answer, int | None]:
    """Answer `question` after session `session_id` (None: the latest session held on this
    index, or a new one when there is none) and save the turn; the answer and the session."""
    from news_rag.rag import Filters as NoFilters
    from news_rag.tui.chat_session import ChatTurn, SessionController
    from news_rag.tui.index_summary import index_identity
    from news_rag.tui.options import ChatOptions
    from news_rag.tui.session_store import SessionStore, default_sessions_path

    controller = SessionController(SessionStore(default_sessions_path()))
    conversation = assistant.conversation()
    controller.attach(conversation, index_identity(assistant))
    if session_id is not None:
        if not controller.open(session_id):
            raise UserError(f"no session {session_id}; `rag sessions list` shows the sessions")
    else:
        latest = controller.latest_here()
        if latest is not None:
            controller.open(latest.id)
    answer = conversation.ask(question, filters=filters, mode=mode, k=k)
    options = ChatOptions(filters=filters or NoFilters(), mode=mode, k=k)
    problem = controller.add(ChatTurn(question, answer, options))
    if problem is not None:
        click.echo(f"Warning: {problem}", err=True)
    return answer, controller.session_id
