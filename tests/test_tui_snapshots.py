"""How the chat UI looks (pytest-textual-snapshot; SVGs committed in tests/__snapshots__/).

Regenerate after an intended change with:
    pytest --snapshot-update tests/test_tui_snapshots.py
The answers come from the real sample index and model, so a change in the answer composer
also changes these pictures; no clock times, raw scores or temporary paths are ever shown.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from news_rag.tui.session_store import IndexIdentity, SessionStore
from news_rag.tui.widgets.chat_input import ChatInput
from textual.pilot import Pilot
from textual.widgets import ListView

from tests.tui_helpers import ask, bukamal_answer, make_app, seed_session, settle, wait_ready

pytestmark = pytest.mark.model

Steps = Callable[[Pilot[Any]], Awaitable[None]]
WIDE = (120, 36)
# A fixed path, so the dialog that names it looks the same on every run.
OTHER_INDEX = Path("/tmp/news-rag-snapshots/idx-reuters")


def steps(*, question: bool = False, then: Steps | None = None) -> Steps:
    async def run_before(pilot: Pilot[Any]) -> None:
        app: Any = pilot.app
        await wait_ready(pilot, app)
        await settle(pilot)
        app.chat.query_one(ChatInput).cursor_blink = False
        if question:
            await ask(pilot)
        if then is not None:
            await then(pilot)
        # more rounds than elsewhere: an answer's last layout and the scroll that follows it
        # can take a few refreshes on a busy machine, and a snapshot is taken once
        await settle(pilot, rounds=8)

    return run_before


async def open_first_citation(pilot: Pilot[Any]) -> None:
    pilot.app.screen.query_one("#citations", ListView).focus()
    await pilot.press("enter")
    await settle(pilot)


async def open_help(pilot: Pilot[Any]) -> None:
    await pilot.press("f1")
    await settle(pilot)


async def show_uncited(pilot: Pilot[Any]) -> None:
    await pilot.press("f5")
    await settle(pilot)


async def narrow_filters(pilot: Pilot[Any]) -> None:
    for command in ("/outlet Global Research", "/since 2017-01-01", "/until 2018-12-31"):
        await ask(pilot, command)
    await ask(pilot)


async def reopen_other(pilot: Pilot[Any]) -> None:
    await pilot.press("f3", "a", "enter")
    await settle(pilot)


def test_first_screen(snap_compare: Any, sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    assert snap_compare(app, terminal_size=WIDE, run_before=steps())


def test_answered_question(snap_compare: Any, sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    assert snap_compare(app, terminal_size=WIDE, run_before=steps(question=True))


def test_article_view(snap_compare: Any, sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    run_before = steps(question=True, then=open_first_citation)
    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_help_screen(snap_compare: Any, sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    assert snap_compare(app, terminal_size=WIDE, run_before=steps(then=open_help))


def test_narrow_layout(snap_compare: Any, sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    assert snap_compare(app, terminal_size=(60, 40), run_before=steps(question=True))


def test_70_columns(snap_compare: Any, sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    assert snap_compare(app, terminal_size=(70, 40), run_before=steps(then=narrow_filters))


def test_disagreement_side_by_side(
    snap_compare: Any, sample_assistant: Any, tmp_path: Path
) -> None:
    seed_session(sample_assistant, tmp_path / "sessions.sqlite", bukamal_answer(sample_assistant))
    app = make_app(sample_assistant, tmp_path)
    assert snap_compare(app, terminal_size=(140, 40), run_before=steps())


def test_balance_and_uncited_passages(
    snap_compare: Any, sample_assistant: Any, tmp_path: Path
) -> None:
    seed_session(sample_assistant, tmp_path / "sessions.sqlite", bukamal_answer(sample_assistant))
    app = make_app(sample_assistant, tmp_path)
    assert snap_compare(app, terminal_size=(140, 40), run_before=steps(then=show_uncited))


def test_session_from_another_index(
    snap_compare: Any, sample_assistant: Any, tmp_path: Path
) -> None:
    OTHER_INDEX.mkdir(parents=True, exist_ok=True)
    store = SessionStore(tmp_path / "sessions.sqlite")
    session = store.create("Reuters: cocoa exports", IndexIdentity(str(OTHER_INDEX), "feed"))
    store.add_turn(session, "What did Ghana export?", bukamal_answer(sample_assistant).to_dict())
    store.close()
    app = make_app(sample_assistant, tmp_path)
    assert snap_compare(app, terminal_size=WIDE, run_before=steps(then=reopen_other))


# --- the chat at the four terminal sizes of issue 22 (PNG copies in docs/screens/) ------------
CONFLICT_QUESTION = "When was al-Bukamal liberated?"  # the sample's two dates, a disagreement
REFUSAL_QUESTION = "What is the price of cocoa in Ghana?"  # nothing in the sample answers it
SIZES = {"70x20": (70, 20), "80x24": (80, 24), "120x40": (120, 40), "160x48": (160, 48)}


def asking(question: str) -> Steps:
    async def ask_it(pilot: Pilot[Any]) -> None:
        await ask(pilot, question)

    return ask_it


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_conflict_answer_at_size(
    snap_compare: Any, sample_assistant: Any, tmp_path: Path, size: str
) -> None:
    app = make_app(sample_assistant, tmp_path)
    run_before = steps(then=asking(CONFLICT_QUESTION))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", ["70x20", "80x24"])
def test_refusal_at_size(
    snap_compare: Any, sample_assistant: Any, tmp_path: Path, size: str
) -> None:
    app = make_app(sample_assistant, tmp_path)
    run_before = steps(then=asking(REFUSAL_QUESTION))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
