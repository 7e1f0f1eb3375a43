"""The chat UI stays responsive and usable: slow answers, cancel, bad input, broken files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from news_rag.tui.screens.confirm import ConfirmScreen
from news_rag.tui.screens.help import HelpScreen
from news_rag.tui.widgets.chat_input import ChatInput
from news_rag.tui.widgets.messages import AnswerView, QuestionView

from tests.tui_helpers import (
    QUESTION,
    SlowAssistant,
    ask,
    make_app,
    run_async,
    settle,
    type_and_send,
    wait_ready,
)

pytestmark = pytest.mark.model


async def _wait_started(pilot: Any, slow: SlowAssistant) -> None:
    for _ in range(500):
        if slow.started.is_set():
            return
        await pilot.pause()
    raise AssertionError("the answer worker never started")


@run_async
async def test_keys_are_processed_while_an_answer_is_computed(
    sample_assistant: Any, tmp_path: Path
) -> None:
    slow = SlowAssistant(sample_assistant)
    app = make_app(slow, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await type_and_send(pilot, QUESTION)
        await _wait_started(pilot, slow)
        assert app.chat.busy and app.chat.query_one("#thinking").display
        await pilot.press(*"next one")
        box = app.chat.query_one(ChatInput)
        assert box.value == "next one"  # typed while the worker is blocked
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not slow.release.is_set() and app.chat.busy
        slow.release.set()
        await settle(pilot)
        assert not app.chat.busy
        assert len(list(app.chat.query(AnswerView))) == 1
        assert box.value == "next one"


@run_async
async def test_escape_cancels_and_discards_the_answer(
    sample_assistant: Any, tmp_path: Path
) -> None:
    slow = SlowAssistant(sample_assistant)
    app = make_app(slow, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await type_and_send(pilot, QUESTION)
        await _wait_started(pilot, slow)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.chat.busy
        assert list(app.chat.query(QuestionView)) == []
        assert app.chat.query_one(ChatInput).value == QUESTION  # the input comes back
        slow.release.set()
        for _ in range(500):
            if app.chat.chat.discarded:
                break
            await pilot.pause()
        assert app.chat.chat.discarded == 1
        await settle(pilot)
        assert list(app.chat.query(AnswerView)) == []
        conversation = app.chat.chat.conversation
        assert conversation is not None and conversation.history() == []
        assert app.chat.session.turns == () and app.store.sessions() == []


@run_async
async def test_empty_and_very_long_questions(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot, "   ")
        assert list(app.chat.query(QuestionView)) == []
        limit = sample_assistant.settings.answer.max_question_chars
        await ask(pilot, QUESTION + " filler" * 2000)
        asked = [q.question for q in app.chat.query(QuestionView)]
        assert len(asked) == 1 and len(asked[0]) == limit
        assert any("cut to its first" in message for _, _, message in app.notes)
        assert app.errors() == []
        assert len(list(app.chat.query(AnswerView))) == 1


@run_async
async def test_missing_index_offers_the_sample(real_embedder: Any, tmp_path: Path) -> None:
    from news_rag.rag import Assistant

    assistant = Assistant.open(tmp_path / "empty-index", embedder=real_embedder)
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert not app.chat.ready
        await ask(pilot, QUESTION)  # explained, not crashed
        assert any("no index" in message.lower() for _, _, message in app.notes)
        assert list(app.chat.query(AnswerView)) == []


@run_async
async def test_building_the_sample_then_chatting(real_embedder: Any, tmp_path: Path) -> None:
    from news_rag.rag import Assistant

    assistant = Assistant.open(tmp_path / "new-index", embedder=real_embedder)
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await wait_ready(pilot, app)
        assert "5 articles" in str(app.chat.query_one("#status").content)
        await ask(pilot)
        assert len(list(app.chat.query(AnswerView))) == 1
        assert app.errors() == []


@run_async
async def test_corrupt_index_is_explained(
    sample_index_copy: Path, real_embedder: Any, tmp_path: Path
) -> None:
    from news_rag.rag import Assistant

    current = (sample_index_copy / "CURRENT").read_text().strip()
    (sample_index_copy / current / "vectors.faiss").write_bytes(b"not a faiss index")
    assistant = Assistant.open(sample_index_copy, embedder=real_embedder)
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        errors = app.errors()
        assert errors and "rag index" in errors[0]
        assert not app.chat.ready
        await ask(pilot, QUESTION)
        assert app.chat.query_one(ChatInput).value == QUESTION  # kept for later
        assert list(app.chat.query(AnswerView)) == []


@run_async
async def test_unreadable_sessions_database_is_moved_aside(
    sample_assistant: Any, tmp_path: Path
) -> None:
    path = tmp_path / "sessions.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        moved = app.store.recovered_from
        assert moved is not None and moved.name.startswith("sessions.sqlite.corrupt-")
        assert moved.read_bytes().startswith(b"this is not a database")
        assert any(severity == "warning" for severity, _, _ in app.notes)
        await ask(pilot)
        assert [s.turns for s in app.store.sessions()] == [1]


@run_async
async def test_narrow_terminal_puts_sources_below(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(60, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot)
        chat, sources = app.chat.query_one("#chat"), app.chat.query_one("#sources")
        assert app.chat.has_class("-narrow")
        assert sources.region.y >= chat.region.bottom
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.chat.has_class("-wide")
        assert sources.region.x >= chat.region.right
