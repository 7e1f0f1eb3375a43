"""`rag sessions`: the chat's saved conversations from the shell (list, show, export).

Reads the same SQLite store as `rag chat` (`$XDG_DATA_HOME/news-rag/sessions.sqlite`), so a
session made in the chat can be read, exported or continued with `rag ask --session ID`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from news_rag.cli.common import UserError, emit, handle_errors
from news_rag.cli.options import json_option

if TYPE_CHECKING:
    from news_rag.tui.chat_session import ChatTurn
    from news_rag.tui.session_store import SessionInfo, SessionStore


def _store() -> SessionStore:
    from news_rag.tui.session_store import SessionStore, default_sessions_path

    return SessionStore(default_sessions_path())


def _info_json(info: SessionInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "created": info.created,
        "updated": info.updated,
        "turns": info.turns,
        "index": {"path": info.index.path, "corpus_id": info.index.corpus_id},
    }


def _opened(session_id: int) -> tuple[SessionInfo, list[ChatTurn]]:
    from news_rag.tui.chat_session import SessionController

    controller = SessionController(_store())
    info = controller.info(session_id)
    if info is None or not controller.open(session_id):
        raise UserError(f"no session {session_id}; `rag sessions list` shows the sessions")
    return info, list(controller.turns)


@click.group("sessions", invoke_without_command=True)
@click.pass_context
def sessions_group(ctx: click.Context) -> None:
    """The chat's saved sessions: list (the default), show ID, export ID."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_command)


@sessions_group.command("list")
@json_option
@handle_errors
def list_command(as_json: bool = False) -> None:
    """Every session, newest first, with its index and number of turns."""
    found = _store().sessions()

    def text() -> str:
        if not found:
            return "No saved session yet: `rag chat` or `rag ask -c QUESTION` starts one."
        return "\n".join(
            f"{s.id:>5}  {s.updated[:16].replace('T', ' ')}  {s.turns:>3} turns  "
            f"{s.index.name:<20}  {s.name}"
            for s in found
        )

    emit({"sessions": [_info_json(s) for s in found]}, as_json, text)


@sessions_group.command("show")
@click.argument("session_id", type=int)
@json_option
@handle_errors
def show_command(session_id: int, as_json: bool) -> None:
    """Each question of session SESSION_ID with its answer and sources."""
    from news_rag.rag.render import terminal_answer

    info, turns = _opened(session_id)
    data = {**_info_json(info), "turns": [_turn_json(t) for t in turns]}

    def text() -> str:
        parts = [f"Session {info.id}: {info.name} ({info.index.name})"]
        for n, turn in enumerate(turns, start=1):
            parts += ["", f"{n}. {turn.question}", terminal_answer(turn.answer)]
        return "\n".join(parts)

    emit(data, as_json, text)


def _turn_json(turn: ChatTurn) -> dict[str, Any]:
    return {"question": turn.question, "options": turn.options.to_dict(),
            "answer": turn.answer.to_dict()}  # fmt: skip


@sessions_group.command("export")
@click.argument("session_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True, help="Markdown for people, JSON for tools.")  # fmt: skip
@handle_errors
def export_command(session_id: int, fmt: str) -> None:
    """Session SESSION_ID as the chat's `/export` writes it, on stdout."""
    from news_rag.tui.export import conversation_json, conversation_markdown

    info, turns = _opened(session_id)
    if fmt == "json":
        data = conversation_json(info.name, turns, info.index)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(conversation_markdown(info.name, turns), nl=False)
