"""The chat UI's second pass, driven with Pilot on real Textual apps over indexes built with the
fake embedder (fast): first screen, focus, disagreement and balance layout, sessions tied to
their index, the Chat widget's messages, and narrow terminals."""

from __future__ import annotations

from pathlib import Path

from news_rag.tui.screens.article import ArticleScreen
from news_rag.tui.screens.confirm import ChoiceScreen
from news_rag.tui.screens.sessions import SessionsScreen
from news_rag.tui.widgets.chat import Chat
from news_rag.tui.widgets.chat_input import ChatInput
from news_rag.tui.widgets.messages import AnswerView, MessageList, QuestionView
from news_rag.tui.widgets.sources import UNCITED, CitationItem, SourcesPane
from news_rag.tui.widgets.welcome import Welcome
from textual.message import Message
from textual.widgets import ListView, Static

from tests.tui_helpers import (
    bukamal_answer,
    fake_sample,
    here,
    make_app,
    markup_assistant,
    plain,
    run_async,
    seed_session,
    settle,
    wait_ready,
)


@run_async
async def test_first_screen_shows_the_index_and_runs_examples(
    fake_sample_dir: Path, tmp_path: Path
) -> None:
    assistant = fake_sample(fake_sample_dir)
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        welcome = app.chat.query_one(Welcome)
        text = plain(welcome)
        assert welcome.display and "sample-index · 5 articles" in text
        assert "2017-11-09 to 2018-11-24" in text
        examples = app.chat.summary.examples
        assert len(examples) == 3
        titles = " ".join(a.title or "" for a in assistant.articles())
        for key, question in zip(("F6", "F7", "F8"), examples, strict=True):
            assert f"{key}  {question}" in text
        name = examples[0].removeprefix("What do the articles say about ").rstrip("?")
        assert name in titles and all(name in a.text for a in assistant.articles())
        await pilot.press("f7")
        await settle(pilot)
        assert [q.question for q in app.chat.query(QuestionView)] == [examples[1]]
        assert len(app.chat.query(AnswerView)) == 1 and not welcome.display
        assert app.focused is app.chat.query_one(ChatInput)


@run_async
async def test_typed_keys_always_reach_the_question_box(
    fake_sample_dir: Path, tmp_path: Path
) -> None:
    app = make_app(fake_sample(fake_sample_dir), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        box = app.chat.query_one(ChatInput)
        views = list(app.chat.query(AnswerView))
        assert len(views) == 2 and not any(v.can_focus for v in views)
        await pilot.press("tab")  # answers are not Tab stops: the sources list is next
        citations = app.chat.query_one("#citations", ListView)
        assert app.focused is citations
        await pilot.press("alt+down")
        assert app.chat.query_one(MessageList).selected is views[1]
        await pilot.press("alt+up")
        await settle(pilot)
        assert app.chat.query_one(MessageList).selected is views[0]
        pane = app.chat.query_one(SourcesPane)
        assert len(views[0].answer.citations) > 1
        first = pane.selected_citation()
        await pilot.press("down")  # the sources pane's own key still moves
        assert pane.selected_citation() == views[0].answer.citations[1] != first
        assert box.value == ""
        await pilot.press(*"/since 2018-01-01")  # letters type, whatever has focus
        assert box.value == "/since 2018-01-01" and app.focused is box
        await pilot.press("enter")
        await settle(pilot)
        assert app.chat.options.filters.since == "2018-01-01"
        assert "since 2018-01-01" in plain(app.chat.query_one("#status", Static))
        await pilot.press("tab", "x")
        assert box.value == "x" and app.focused is box


@run_async
async def test_disagreement_side_by_side_and_balance(fake_sample_dir: Path, tmp_path: Path) -> None:
    assistant = fake_sample(fake_sample_dir)
    answer = bukamal_answer(assistant)
    seed_session(assistant, tmp_path / "sessions.sqlite", answer)
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_ready(pilot, app)
        sides = list(app.chat.query(".side").results(Static))
        assert len(sides) == 2
        left, right = sides
        assert left.region.y == right.region.y and left.region.right <= right.region.x
        expected = (
            ("South Front", "2017-11-21", "2017-11-19"),
            ("Stephen Lendman", "2017-11-09", "2017-11-08"),
        )
        for side, (claimant, published, event) in zip(sides, expected, strict=True):
            text = plain(side)
            assert claimant in text and "Global Research" in text
            assert f"published {published}" in text and f"event date {event}" in text
        balance = plain(app.chat.query_one(".balance", Static))
        assert "Rests on: South Front (Global Research), Stephen Lendman (Global Research)" in (
            balance
        )
        assert "Also in the results, not cited:" in balance and "F5" in balance
        pane = app.chat.query_one(SourcesPane)
        await pilot.press("f5")
        await settle(pilot)
        uncited = [i for e in answer.balance.also_in_results for i in e.passage_indexes or ()]
        assert pane.uncited and plain(pane.query_one("#sources-empty", Static)) == UNCITED
        assert len(pane.query_one("#citations", ListView).children) == len(uncited)
        await pilot.press("f5")
        await settle(pilot)
        assert not pane.uncited and len(pane.query(CitationItem)) == 2


@run_async
async def test_session_from_another_index(fake_sample_dir: Path, tmp_path: Path) -> None:
    sample = fake_sample(fake_sample_dir)
    answer = bukamal_answer(sample)
    seeded = seed_session(sample, tmp_path / "sessions.sqlite", answer, "al-Bukamal")
    app = make_app(markup_assistant(tmp_path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        assert app.chat.session.session_id is None  # not reopened on this index
        assert not app.chat.query(AnswerView) and app.chat.query_one(Welcome).display
        await pilot.press("f3")
        await settle(pilot)
        sessions = app.screen
        assert isinstance(sessions, SessionsScreen)
        assert sessions.query_one("#session-list").option_count == 0  # type: ignore[attr-defined]
        await pilot.press("a")
        await settle(pilot)
        option = sessions.query_one("#session-list").get_option_at_index(0)  # type: ignore[attr-defined]
        assert "al-Bukamal" in str(option.prompt) and "(another index)" in str(option.prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert str(fake_sample_dir.resolve()) in app.screen.question
        await pilot.press("o")
        await wait_ready(pilot, app)
        await settle(pilot)
        assert app.chat.summary.identity.matches(here(sample))
        assert app.chat.session.session_id == seeded
        assert [v.answer for v in app.chat.query(AnswerView)] == [answer]
        app.chat.query_one("#citations", ListView).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.errors() == []


@run_async
async def test_new_chat_instead_of_another_index(fake_sample_dir: Path, tmp_path: Path) -> None:
    sample = fake_sample(fake_sample_dir)
    seed_session(sample, tmp_path / "sessions.sqlite", bukamal_answer(sample))
    hostile = markup_assistant(tmp_path)
    app = make_app(hostile, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("f3", "a", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is app.chat and app.chat.session.session_id is None
        assert app.chat.summary.identity.matches(here(hostile))
        assert not app.chat.query(AnswerView)


@run_async
async def test_chat_widget_reports_answers_by_message(
    fake_sample_dir: Path, tmp_path: Path
) -> None:
    app = make_app(fake_sample(fake_sample_dir), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        chat = app.chat.query_one(Chat)
        seen: list[Message] = []
        post = chat.post_message

        def record(message: Message) -> bool:
            seen.append(message)
            return post(message)

        chat.post_message = record  # type: ignore[method-assign]
        await pilot.press("f6")
        await settle(pilot)
        started, ready = (m for m in seen if isinstance(m, Chat.AnswerStarted | Chat.AnswerReady))
        assert isinstance(started, Chat.AnswerStarted) and isinstance(ready, Chat.AnswerReady)
        (turn,) = app.chat.session.turns
        assert turn is ready.turn
        assert chat.conversation is not None
        assert [t.answer for t in chat.conversation.history()] == [turn.answer]
        assert app.store.turns(app.chat.session.session_id or 0)[0].question == turn.question
        await pilot.press(*"/outlet Nobody Publishes This", "enter")
        await pilot.press(*"What happened?", "enter")
        await settle(pilot)
        failed = [m for m in seen if isinstance(m, Chat.AnswerFailed)]
        assert len(failed) == 1 and failed[0].question == "What happened?"
        assert app.chat.query_one(ChatInput).value == "What happened?"
        assert len(app.chat.session.turns) == 1 and app.errors()


@run_async
async def test_narrow_terminal_wraps_status_and_follows_answers(
    fake_sample_dir: Path, tmp_path: Path
) -> None:
    app = make_app(fake_sample(fake_sample_dir), tmp_path)
    async with app.run_test(size=(70, 30)) as pilot:
        await wait_ready(pilot, app)
        for command in ("/outlet Global Research", "/since 2017-01-01", "/until 2018-12-31"):
            await pilot.press(*command, "enter")
        status = app.chat.query_one("#status", Static)
        await settle(pilot)
        text = plain(status)
        assert len(text) > 70 and status.region.height >= 2  # wrapped, not cut
        for key in ("f6", "f7", "f8"):
            await pilot.press(key)
            await settle(pilot)
        messages = app.chat.query_one(MessageList)
        await pilot.pause()
        assert messages.max_scroll_y > 0 and messages.scroll_y == messages.max_scroll_y
        last = list(app.chat.query(AnswerView))[-1]
        assert last.region.overlaps(messages.region)
