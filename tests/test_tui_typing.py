"""Every key and every paste reaches the question box whole, whatever has focus.

The events are what a terminal sends, made by Textual's own terminal parser from the bytes: a
plain paste is a burst of key events, a bracketed paste (what modern terminals send) one
`Paste` event. A burst is posted to the app all at once, before the app handles any of it,
as keys arrive when a terminal delivers a paste or a fast typist's buffer: that is when the
old code lost letters (`/outlet South Front` arrived as `/utlet Suth Frnt` with the sources
pane focused, and a bracketed paste there was dropped whole).

Real Textual app, the sample index with the fake embedder (fast), a stored session with a
disagreement so the answer list and the sources pane have something to hold focus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from news_rag.rag import Assistant
from news_rag.tui.widgets.chat_input import ChatInput, one_line
from news_rag.tui.widgets.messages import MessageList
from textual._xterm_parser import XTermParser
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import ListView

from tests.fakes import FakeEmbedder
from tests.tui_helpers import bukamal_answer, make_app, run_async, seed_session, settle

# 200 characters with every letter the panes once took as keys (o, j, k, q, ?), a slash
# command's shape, capitals, digits and punctuation.
PASTE = (
    "/outlet South Front? Who joked, okay, about the jackknifed truck on Kilo road in 2017; "
    "did Zakharova (or the SAA) quote 'Jebel Bishri' & Kashmah, or the queue at al-Tanf, "
    "or Deir ez-Zor's jails? [1] k"
)
BURST = "/export notes/session1.md? ok j k o q, Joke: 42 k2"
FOCUS = ("input", "answers", "sources")


def test_the_texts_are_the_sizes_the_issue_names() -> None:
    assert len(PASTE) == 200 and len(BURST) == 50
    assert set("ojkq?") <= set(PASTE) and set("ojkq?") <= set(BURST)


@pytest.fixture(scope="module")
def fake_sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from news_rag.index.pipeline import run_index

    target = tmp_path_factory.mktemp("fake-sample") / "sample-index"
    run_index(None, target, embedder=FakeEmbedder())
    return target


def terminal_events(data: str) -> list[Message]:
    """The events Textual makes of these bytes from the terminal."""
    return list(XTermParser().feed(data))


def bracketed(text: str) -> str:
    return f"\x1b[200~{text}\x1b[201~"


def focus_target(app: Any, where: str) -> Widget:
    if where == "input":
        return app.chat.query_one(ChatInput)
    if where == "answers":
        return app.chat.query_one(MessageList)
    return app.chat.query_one("#citations", ListView)


async def start(pilot: Pilot[Any], app: Any, where: str) -> ChatInput:
    """The chat with the stored disagreement, focus on `where`, the question box empty."""
    await settle(pilot)
    for _ in range(200):
        if app.chat.ready and app.chat.query(".side"):
            break
        await settle(pilot, 1)
    target = focus_target(app, where)
    target.focus()
    await pilot.pause()
    assert app.focused is target
    box = app.chat.query_one(ChatInput)
    assert box.value == "" and len(app.chat.query_one("#citations", ListView).children) == 2
    return box


async def deliver(pilot: Pilot[Any], app: Any, data: str) -> None:
    """Post every event of `data` at once (no pause between them), then let them land."""
    messages = terminal_events(data)
    assert messages
    for message in messages:
        app.post_message(message)
    await settle(pilot)


def seeded_app(fake_sample_dir: Path, tmp_path: Path) -> Any:
    assistant = Assistant.open(fake_sample_dir, embedder=FakeEmbedder())
    assistant.load()
    seed_session(assistant, tmp_path / "sessions.sqlite", bukamal_answer(assistant))
    return make_app(assistant, tmp_path)


@pytest.mark.parametrize("where", FOCUS)
@pytest.mark.parametrize(
    ("data", "expected"),
    [(PASTE, PASTE), (bracketed(PASTE), PASTE), (BURST, BURST)],
    ids=["plain-paste-200", "bracketed-paste-200", "burst-50-keys"],
)
@run_async
async def test_text_arrives_whole_from_any_focus(
    fake_sample_dir: Path, tmp_path: Path, where: str, data: str, expected: str
) -> None:
    app = seeded_app(fake_sample_dir, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        box = await start(pilot, app, where)
        screen = app.screen
        await deliver(pilot, app, data)
        assert box.value == expected
        assert app.focused is box and app.screen is screen  # no key acted as a binding
        assert box.cursor_position == len(expected)
        assert app.errors() == []


@run_async
async def test_typing_then_pasting_keeps_the_order(fake_sample_dir: Path, tmp_path: Path) -> None:
    """Keys, a bracketed paste and more keys in one burst, focus on the sources pane."""
    app = seeded_app(fake_sample_dir, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        box = await start(pilot, app, "sources")
        await deliver(pilot, app, "Who said " + bracketed("al-Bukamal was") + " liberated?")
        assert box.value == "Who said al-Bukamal was liberated?"


@run_async
async def test_a_multiline_paste_arrives_as_one_line(fake_sample_dir: Path, tmp_path: Path) -> None:
    app = seeded_app(fake_sample_dir, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        box = await start(pilot, app, "answers")
        await deliver(pilot, app, bracketed("When was\r\nal-Bukamal\n  liberated?\n"))
        assert box.value == "When was al-Bukamal liberated?"
        box.value = ""
        await deliver(pilot, app, bracketed("tab\tseparated"))  # focus is on the box now
        assert box.value == "tab separated"


def test_one_line_keeps_a_one_line_paste_exactly() -> None:
    assert one_line("  two  spaces ") == "  two  spaces "
    assert one_line("a\nb") == "a b" and one_line("") == ""
