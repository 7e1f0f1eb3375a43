"""Messages said once: the status line counts "Answering… N.Ns" while an answer is computed
(and says Ready again after it, or after a cancel); a quote inside a quote shows one pair of
double marks; a refusal in the chat is one sentence pointing to the sources pane. Real Textual
app on the sample index (real model where an answer is asked)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from news_rag.rag import Answer
from news_rag.rag.render import display_line, quote_text, terminal_answer
from news_rag.tui.widgets.messages import AnswerView
from news_rag.tui.widgets.sources import SourcesPane
from news_rag.tui.widgets.status import StatusLine
from textual.widgets import Static

from tests.tui_helpers import (
    QUESTION,
    SlowAssistant,
    ask,
    bukamal_answer,
    make_app,
    run_async,
    seed_session,
    settle,
    type_and_send,
    wait_ready,
)

ELAPSED = re.compile(r"^Answering… (\d+\.\d)s │ ")


def status_text(app: Any) -> str:
    return app.chat.query_one(StatusLine).text()


async def elapsed_after(pilot: Any, app: Any, seconds: float) -> float:
    await pilot.pause(seconds)
    match = ELAPSED.match(status_text(app))
    assert match, status_text(app)
    return float(match[1])


@pytest.mark.model
@run_async
async def test_status_counts_while_answering(sample_assistant: Any, tmp_path: Path) -> None:
    slow = SlowAssistant(sample_assistant)
    app = make_app(slow, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        assert status_text(app).startswith("Ready · ")
        await type_and_send(pilot, QUESTION)
        first = await elapsed_after(pilot, app, 0.05)
        later = await elapsed_after(pilot, app, 0.4)
        assert later >= first + 0.2  # it counts up while the answer is computed
        shown = str(app.chat.query_one("#status", Static).content)
        assert ELAPSED.match(shown), shown  # and that is what the line shows
        slow.release.set()
        await settle(pilot)
        assert len(app.chat.query(AnswerView)) == 1
        assert status_text(app).startswith("Ready · 5 articles │ ")
        slow.release.clear()
        await type_and_send(pilot, "Who is Zakharova?")
        await elapsed_after(pilot, app, 0.05)
        await pilot.press("escape")  # cancelled: Ready again, no clock left running
        await pilot.pause(0.2)
        assert status_text(app).startswith("Ready · ")
        slow.release.set()
        await settle(pilot)


NESTED = '"During (a) video conference, the two sides agreed."'


def test_quote_text_shows_one_pair_of_marks() -> None:
    assert quote_text(NESTED) == "During (a) video conference, the two sides agreed."
    assert quote_text("“Fully curly.”") == "Fully curly."
    inner = '"We will not," he said, "give up."'
    assert quote_text(inner) == "‘We will not,’ he said, ‘give up.’"
    assert quote_text('The "so-called" deal') == "The ‘so-called’ deal"
    assert quote_text("It's 5 o'clock.") == "It's 5 o'clock."
    line = f"According to Zakharova, “{NESTED}” [1]"
    shown = display_line(line)
    assert (
        shown == "According to Zakharova, “During (a) video conference, the two sides agreed.” [1]"
    )
    assert shown.count("“") == 1 and '"' not in shown


def nested_answer(assistant: Any) -> Answer:
    """The sample's al-Bukamal disagreement with its first quote a quotation itself."""
    answer = bukamal_answer(assistant)
    first, second = answer.citations
    first = replace(first, quote=NESTED)
    text = answer.answer.replace(answer.citations[0].quote, NESTED)
    text += f"\nAccording to South Front, “{NESTED}” [2]"
    return replace(answer, answer=text, citations=(first, second))


@pytest.mark.model
@run_async
async def test_nested_quotes_show_one_pair_in_the_chat_and_cli(
    sample_assistant: Any, tmp_path: Path
) -> None:
    answer = nested_answer(sample_assistant)
    seed_session(sample_assistant, tmp_path / "sessions.sqlite", answer)
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_ready(pilot, app)
        await settle(pilot)
        (view,) = app.chat.query(AnswerView)
        shown = "\n".join(str(s.content) for s in view.query(Static))
        assert "“During (a) video conference, the two sides agreed.”" in shown
        assert '"' not in shown and '“"' not in shown
    printed = terminal_answer(answer)
    assert "“During (a) video conference, the two sides agreed.”" in printed
    assert '“"' not in printed and '"”' not in printed
    assert answer.citations[0].quote == NESTED and NESTED in answer.answer  # data unchanged


@pytest.mark.model
@run_async
async def test_a_refusal_is_said_once_and_points_to_the_sources_pane(
    sample_assistant: Any, tmp_path: Path
) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot, "What is the price of cocoa in Ghana?")
        (view,) = app.chat.query(AnswerView)
        assert view.answer.abstained and view.answer.passages
        body = " ".join(str(s.content) for s in view.query(Static))
        assert body.count(".") == 1 and body.endswith(
            "the nearest passages are in the sources pane."
        )
        assert "below" not in body and "No quotable answer" not in body
        pane = app.chat.query_one(SourcesPane)
        assert len(pane.query_one("#citations").children) > 0  # the passages are there
