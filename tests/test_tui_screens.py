"""Sessions, settings, command palette, citation navigation, history and theme in the UI."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from news_rag.rag import Answer
from news_rag.tui.screens.article import ArticleScreen
from news_rag.tui.screens.confirm import ConfirmScreen, TextPromptScreen
from news_rag.tui.screens.sessions import SessionsScreen
from news_rag.tui.screens.settings import SettingsScreen
from news_rag.tui.session_store import SessionStore
from news_rag.tui.widgets.chat_input import ChatInput
from news_rag.tui.widgets.messages import AnswerView
from news_rag.tui.widgets.sources import NO_CITATIONS, SourcesPane
from textual.widgets import Input, ListView

from tests.tui_helpers import (
    QUESTION,
    ask,
    citation_texts,
    here,
    make_app,
    run_async,
    settle,
    wait_ready,
)

pytestmark = pytest.mark.model


def two_citation_answer(assistant: Any) -> Answer:
    """The real answer plus a second citation: another sentence of the same article."""
    answer = assistant.ask(QUESTION)
    first = answer.citations[0]
    text = assistant.article(first.article_id).text
    start = text.index("Syrian and Russian officials")
    end = text.index(".", start) + 1
    second = replace(first, n=2, quote=text[start:end], char_start=start, char_end=end)
    return replace(answer, answer=f"{answer.answer} {second.quote} [2]", citations=(first, second))


@run_async
async def test_citation_keyboard_navigation(sample_assistant: Any, tmp_path: Path) -> None:
    answer = two_citation_answer(sample_assistant)
    store = SessionStore(tmp_path / "sessions.sqlite")
    store.add_turn(store.create("two sources", here(sample_assistant)), QUESTION, answer.to_dict())
    store.close()
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await settle(pilot)
        pane = app.chat.query_one(SourcesPane)
        assert len(citation_texts(app)) == 2
        pane.query_one("#citations", ListView).focus()
        assert pane.selected_citation() == answer.citations[0]
        await pilot.press("down")
        assert pane.selected_citation() == answer.citations[1]
        await pilot.press("up")
        assert pane.selected_citation() == answer.citations[0]
        await pilot.press("k")  # letters type into the question box, from any focus
        assert pane.selected_citation() == answer.citations[0]
        assert app.chat.query_one(ChatInput).value == "k"
        pane.query_one("#citations", ListView).focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.citation == answer.citations[1]


@run_async
async def test_abstained_answer_lists_nearest_passages(
    sample_assistant: Any, tmp_path: Path
) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot, "What is the population of Australia?")
        answer = app.chat.query_one(AnswerView).answer
        assert answer.abstained and not answer.citations
        empty = app.chat.query_one("#sources-empty")
        assert empty.display and str(empty.content) == NO_CITATIONS
        items = app.chat.query_one("#citations", ListView).children
        assert 0 < len(items) <= 5


@run_async
async def test_sessions_screen_rename_reopen_delete(sample_assistant: Any, tmp_path: Path) -> None:
    answer = sample_assistant.ask(QUESTION)
    store = SessionStore(tmp_path / "sessions.sqlite")
    alpha = store.create("alpha", here(sample_assistant))
    store.add_turn(alpha, QUESTION, answer.to_dict())
    beta = store.create("beta", here(sample_assistant))
    store.add_turn(beta, "Who said it?", answer.to_dict())
    store.close()
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        assert app.chat.session.session_id == beta and app.chat.sub_title == "beta"
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, TextPromptScreen)
        app.screen.query_one(Input).value = "renamed beta"
        await pilot.press("enter")
        await settle(pilot)
        assert [s.name for s in app.store.sessions()] == ["renamed beta", "alpha"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is app.chat
        assert app.chat.session.session_id == alpha and app.chat.sub_title == "alpha"
        assert [t.question for t in app.chat.session.turns] == [QUESTION]
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("d")  # the open session (alpha) is highlighted
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert [s.name for s in app.store.sessions()] == ["renamed beta"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.chat.session.session_id is None and app.chat.session.turns == ()
        assert list(app.chat.query(AnswerView)) == []


@run_async
async def test_settings_screen_sets_and_validates(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#set-since", Input).value = "2018-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and app.errors()
        screen.query_one("#set-since", Input).value = "2018-01-01"
        screen.query_one("#set-outlet", Input).value = "Global Research"
        screen.query_one("#set-k", Input).value = "5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is app.chat
        filters = app.chat.options.filters
        assert (filters.since, filters.outlet, app.chat.options.k) == (
            "2018-01-01",
            "Global Research",
            5,
        )
        status = str(app.chat.query_one("#status").content)
        assert "outlet Global Research" in status and "k 5" in status


@run_async
async def test_command_palette_sets_mode_and_outlet(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        for query, check in (
            ("Mode: bm25", lambda: app.chat.options.mode == "bm25"),
            ("Only outlet: Global", lambda: app.chat.options.filters.outlet == "Global Research"),
        ):
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*query)
            for _ in range(50):  # the palette searches asynchronously
                await pilot.pause(0.05)
                if app.screen.query("CommandList Option"):
                    break
            await pilot.press("enter")
            await settle(pilot)
            assert check(), query


@run_async
async def test_input_history_and_theme_toggle(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot, "/k 4")
        await ask(pilot, "/mode dense")
        box = app.chat.query_one(ChatInput)
        box.value = "draft"
        await pilot.press("up")
        assert box.value == "/mode dense"
        await pilot.press("up", "up")
        assert box.value == "/k 4"
        await pilot.press("down", "down")
        assert box.value == "draft"
        assert app.theme == "textual-dark"
        app.chat.query_one("#citations").focus()
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"
