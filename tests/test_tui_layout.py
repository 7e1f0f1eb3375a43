"""Layouts that fit the terminal: disagreements stack below CONFLICT_COLUMNS_MIN_WIDTH with
each side's claimant, outlet and dates; the newest answer's first quote is on screen at 70x20;
a reopened session shows its last answer; the footer holds only whole keys, F1 first, and F1
lists them all. Real Textual app; the sample index (fake embedder, fast) with stored answers,
and the real model where an answer is asked live."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from news_rag.tui.screens.chat import CONFLICT_COLUMNS_MIN_WIDTH
from news_rag.tui.screens.help import HelpScreen
from news_rag.tui.session_store import SessionStore
from news_rag.tui.widgets.key_footer import KeyFooter
from news_rag.tui.widgets.messages import AnswerView, MessageList
from rich.console import Console
from textual.errors import NoWidget
from textual.widget import Widget
from textual.widgets import Static

from tests.tui_helpers import (
    ask,
    bukamal_answer,
    fake_sample,
    here,
    make_app,
    plain,
    run_async,
    seed_session,
    settle,
    wait_ready,
)

SIZES = [(70, 20), (80, 24), (120, 40), (160, 48)]


def as_text(renderable: Any) -> str:
    """A Rich renderable's text, as a wide terminal prints it."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def first_line_on_screen(widget: Widget) -> bool:
    """Whether the widget's first line is drawn (not scrolled or clipped away)."""
    try:
        geometry = widget.screen.find_widget(widget)
    except NoWidget:
        return False
    visible = geometry.visible_region
    return visible.height > 0 and visible.y == geometry.region.y


async def eventually(pilot: Any, condition: Any, rounds: int = 50) -> bool:
    """Whether `condition()` holds within a few refreshes (scrolling follows layout)."""
    for _ in range(rounds):
        if condition():
            return True
        await pilot.pause(0.02)
    return bool(condition())


async def wait_for_answers(pilot: Any, app: Any, count: int) -> None:
    await wait_ready(pilot, app)
    for _ in range(100):
        if len(app.chat.query(AnswerView)) >= count:
            break
        await settle(pilot, 1)
    await settle(pilot)


@pytest.mark.parametrize("width", [70, 80, 99, 100, 120, 160])
@run_async
async def test_disagreements_stack_below_the_threshold(
    fake_sample_dir: Path, tmp_path: Path, width: int
) -> None:
    assistant = fake_sample(fake_sample_dir)
    seed_session(assistant, tmp_path / "sessions.sqlite", bukamal_answer(assistant))
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(width, 48)) as pilot:
        await wait_for_answers(pilot, app, 1)
        first, second = app.chat.query(".side").results(Static)
        if width < CONFLICT_COLUMNS_MIN_WIDTH:
            assert first.region.x == second.region.x and second.region.y > first.region.bottom
        else:
            assert first.region.y == second.region.y and first.region.right <= second.region.x
        for side, (claimant, published, event) in zip(
            (first, second),
            (
                ("South Front", "2017-11-21", "2017-11-19"),
                ("Stephen Lendman", "2017-11-09", "2017-11-08"),
            ),
            strict=True,
        ):
            text = plain(side)
            assert claimant in text and "Global Research" in text
            assert f"published {published}" in text and f"event date {event}" in text
            assert text.startswith(f"[{1 if side is first else 2}] “")  # the quote comes first


@pytest.mark.model
@run_async
async def test_newest_answers_first_quote_is_on_screen_at_70x20(
    sample_assistant: Any, tmp_path: Path
) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(70, 20)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot, "Who said the US is training militants at al-Tanf?")
        await ask(pilot, "When was al-Bukamal liberated?")
        await settle(pilot)
        newest = app.chat.query(AnswerView).last()
        assert newest.answer.conflicts, "the sample's al-Bukamal question has two sides"
        first_side = newest.query(".side").first(Static)
        assert plain(first_side).startswith("[1] “")
        assert await eventually(pilot, lambda: first_line_on_screen(first_side))
        assert newest.outer_size.height > app.chat.query_one(MessageList).size.height


@run_async
async def test_a_reopened_session_shows_its_last_answer(
    fake_sample_dir: Path, tmp_path: Path
) -> None:
    assistant = fake_sample(fake_sample_dir)
    answer = bukamal_answer(assistant)
    store = SessionStore(tmp_path / "sessions.sqlite")
    session = store.create("three turns", here(assistant))
    for number in range(3):
        question = f"Question {number + 1}: when was al-Bukamal liberated?"
        store.add_turn(session, question, replace(answer, question=question).to_dict())
    store.close()
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_answers(pilot, app, 3)
        messages = app.chat.query_one(MessageList)
        first, _, last = app.chat.query(AnswerView)
        assert await eventually(pilot, lambda: first_line_on_screen(last))
        assert messages.scroll_y > 0 and not first_line_on_screen(first)
        assert messages.selected is last


@pytest.mark.parametrize("size", SIZES)
@run_async
async def test_footer_shows_whole_keys_and_f1_lists_all(
    fake_sample_dir: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(fake_sample(fake_sample_dir), tmp_path)
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot, app)
        await settle(pilot)
        footer = app.chat.query_one(KeyFooter)
        keys = [key for key in footer.children if hasattr(key, "action")]
        assert keys and getattr(keys[0], "action", "") in ("help", "app.help")
        assert all(key.region.right <= footer.region.right for key in keys)
        assert all(a.region.right <= b.region.x for a, b in itertools.pairwise(keys))
        if size[0] < 100:
            assert len(keys) < 8, "a narrow footer drops keys rather than cutting them"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table = as_text(app.screen.query_one("#help-table", Static).content)
        descriptions = [str(getattr(key, "description", "")) for key in keys]
        for does in [*descriptions, "Settings", "Sessions", "Copy", "Uncited", "All quotes"]:
            assert does in table
