"""`rag sessions` and `rag ask -c / --session`: the chat's sessions from the shell, and
follow-ups asked from the shell that the chat reopens. Real CLI, real model, one store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from news_rag.tui.chat_session import ChatTurn, SessionController
from news_rag.tui.index_summary import index_identity
from news_rag.tui.options import ChatOptions
from news_rag.tui.session_store import SessionStore, default_sessions_path

from news_rag.cli import cli

pytestmark = pytest.mark.model

FIRST = "Who said the US is training militants at al-Tanf?"
FOLLOW_UP = "When did she say it?"


def _json(args: list[str]) -> Any:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _chat_session(assistant: Any) -> int:
    """A session saved the way `rag chat` saves one (its controller, its conversation)."""
    controller = SessionController(SessionStore(default_sessions_path()))
    conversation = assistant.conversation()
    controller.attach(conversation, index_identity(assistant))
    answer = conversation.ask(FIRST)
    assert controller.add(ChatTurn(FIRST, answer, ChatOptions())) is None
    assert controller.session_id is not None
    return controller.session_id


def test_sessions_made_by_the_chat_list_show_and_export(sample_assistant: Any) -> None:
    session_id = _chat_session(sample_assistant)
    listed = _json(["sessions", "list", "--json"])["sessions"]
    assert [(s["id"], s["turns"]) for s in listed] == [(session_id, 1)]
    shown = _json(["sessions", "show", str(session_id), "--json"])
    assert shown["turns"][0]["question"] == FIRST
    assert shown["turns"][0]["answer"]["citations"]
    markdown = CliRunner().invoke(cli, ["sessions", "export", str(session_id)])
    assert markdown.exit_code == 0 and FIRST in markdown.output
    exported = _json(["sessions", "export", str(session_id), "--format", "json"])
    assert "resolved_question" in exported["turns"][0]
    missing = CliRunner().invoke(cli, ["sessions", "show", "999"])
    assert missing.exit_code == 1 and missing.output.startswith("Error: no session 999")


def test_ask_continue_follows_up_and_the_chat_reopens_it(sample_index_dir: Path) -> None:
    index = ["--index", str(sample_index_dir)]
    first = _json(["ask", FIRST, *index, "-c", "--json"])
    second = _json(["ask", FOLLOW_UP, *index, "-c", "--json"])
    assert first["citations"] and second["resolved_question"]  # read against the first
    listed = _json(["sessions", "list", "--json"])["sessions"]
    assert len(listed) == 1 and listed[0]["turns"] == 2
    session_id = listed[0]["id"]
    third = _json(["ask", "Who else said so?", *index, "--session", str(session_id), "--json"])
    assert third["question"] == "Who else said so?"
    reopened = SessionController(SessionStore(default_sessions_path()))
    assert reopened.open(session_id)  # what the chat does with a stored session
    assert [t.question for t in reopened.turns] == [FIRST, FOLLOW_UP, "Who else said so?"]
    gone = CliRunner().invoke(cli, ["ask", FIRST, *index, "--session", "999"])
    assert gone.exit_code == 1 and "no session 999" in gone.output
