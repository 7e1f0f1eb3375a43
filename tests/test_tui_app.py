"""The chat UI driven with Textual's Pilot, on the real sample index and the real model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from news_rag.tui.screens.article import ArticleScreen
from news_rag.tui.screens.help import HelpScreen
from news_rag.tui.widgets.messages import AnswerView, QuestionView
from news_rag.tui.widgets.sources import QUOTE_STYLE, SourcesPane
from textual.widgets import ListView

from tests.tui_helpers import (
    QUESTION,
    ask,
    citation_texts,
    make_app,
    run_async,
    settle,
    visible,
    wait_ready,
)

pytestmark = pytest.mark.model

ZAKHAROVA_ARTICLE = "001_8c7b6652919dcb47"


def answers(app: Any) -> list[AnswerView]:
    return list(app.screen.query(AnswerView))


@run_async
async def test_answer_with_citation_and_sources(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot)
        views = answers(app)
        assert len(views) == 1
        answer = views[0].answer
        assert answer.citations, answer
        assert "[1]" in answer.answer
        cards = citation_texts(app)
        assert len(cards) == len(answer.citations)
        zakharova = [card for card in cards if "Zakharova" in card]
        assert zakharova, cards
        assert "claimed by: " in zakharova[0]
        assert "Global Research" in zakharova[0]
        assert app.errors() == []


@run_async
async def test_article_view_opens_at_the_quote(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot)
        citation = app.screen.query_one(SourcesPane).selected_citation()
        assert citation is not None
        app.screen.query_one("#citations", ListView).focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.citation == citation
        assert screen.quote_widget is not None and screen.quote_text is not None
        highlighted = [
            screen.quote_text.plain[span.start : span.end]
            for span in screen.quote_text.spans
            if span.style == QUOTE_STYLE
        ]
        assert " ".join(highlighted) == citation.quote
        body = screen.query_one("#article-body")
        assert screen.quote_widget.region.overlaps(body.region)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.chat


@run_async
async def test_article_view_scrolls_to_a_late_quote(sample_assistant: Any, tmp_path: Path) -> None:
    from dataclasses import replace

    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot)
        citation = answers(app)[0].answer.citations[0]
        text = sample_assistant.article(citation.article_id).text
        last = text.rstrip().rsplit("\n", 1)[-1]
        start = text.rindex(last)
        late = replace(citation, quote=last, char_start=start, char_end=start + len(last))
        await app.push_screen(ArticleScreen(late, text))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.quote_widget is not None
        body = screen.query_one("#article-body")
        assert body.scroll_y > 0
        assert screen.quote_widget.region.overlaps(body.region)


@run_async
async def test_since_filter_changes_the_sources(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot)
        unfiltered = answers(app)[-1].answer
        assert {p.article_id for p in unfiltered.passages} - {ZAKHAROVA_ARTICLE}
        await ask(pilot, "/since 2018-01-01")
        status = str(app.screen.query_one("#status").content)
        assert "since 2018-01-01" in status
        await ask(pilot)
        filtered = answers(app)[-1].answer
        assert filtered is not unfiltered
        assert filtered.citations
        assert {c.article_id for c in filtered.citations} == {ZAKHAROVA_ARTICLE}
        assert {p.article_id for p in filtered.passages} == {ZAKHAROVA_ARTICLE}
        assert app.errors() == []


@run_async
async def test_dateline_filter_in_the_status_line_and_the_labels(
    wire_assistant: Any, tmp_path: Path
) -> None:
    app = make_app(wire_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot, "/dateline houston")
        status = str(app.screen.query_one("#status").content)
        assert "dateline houston" in status
        await ask(pilot, "By how much did Texaco raise the posted price of crude oil?")
        answer = answers(app)[-1].answer
        assert answer.citations, answer
        assert {p.source.dateline for p in answer.passages} == {"HOUSTON"}
        cards = citation_texts(app)
        assert cards and all("Reuters · HOUSTON · " in card for card in cards)
        await ask(pilot, "/dateline")
        assert "dateline" not in str(app.screen.query_one("#status").content)
        assert app.errors() == []


@run_async
async def test_bad_slash_values_are_reported(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        for command in ("/since yesterday", "/mode fuzzy", "/k zero", "/frobnicate"):
            await ask(pilot, command)
        errors = app.errors()
        assert len(errors) == 4, errors
        assert "YYYY-MM-DD" in errors[0]
        assert "hybrid" in errors[1]
        assert app.chat.options.filters.is_empty()
        await ask(pilot, "/mode bm25")
        await ask(pilot, "/k 5")
        assert (app.chat.options.mode, app.chat.options.k) == ("bm25", 5)
        await ask(pilot, "/clear")
        assert app.chat.options.mode is None and app.chat.options.k is None


@run_async
async def test_session_survives_restart(sample_assistant: Any, tmp_path: Path) -> None:
    first = make_app(sample_assistant, tmp_path)
    async with first.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, first)
        await ask(pilot)
        before = answers(first)[0].answer
        name = first.chat.sub_title
    second = make_app(sample_assistant, tmp_path)
    async with second.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, second)
        await settle(pilot)
        questions = [q.question for q in second.screen.query(QuestionView)]
        assert questions == [QUESTION]
        after = answers(second)
        assert len(after) == 1
        assert after[0].answer.to_dict() == before.to_dict()
        assert second.chat.sub_title == name
        assert any("Zakharova" in card for card in citation_texts(second))


@run_async
async def test_export_writes_the_citations(sample_assistant: Any, tmp_path: Path) -> None:
    import json

    app = make_app(sample_assistant, tmp_path)
    target = tmp_path / "out" / "chat.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot, "/since 2018-01-01")
        await ask(pilot)
        answer = answers(app)[0].answer
        await ask(pilot, f"/export {target}")
        await ask(pilot, f"/export {target.with_suffix('.json')}")
        assert app.errors() == []
    text = visible(target.read_text(encoding="utf-8"))
    assert QUESTION in text
    assert "asked with: since 2018-01-01 · mode hybrid · k 10" in text
    for citation in answer.citations:
        assert f"[{citation.n}] {citation.source.render()}" in text
        assert f"claimed by: {citation.claimant}" in text
        assert f"published {citation.source.published}" in text
        assert " ".join(citation.quote.split()) in text
        assert f"source: {citation.source.url or citation.source.source_path}" in text
        where = citation.source.url or citation.source.source_path
        assert citation.article_id not in text.replace(where, "")  # no internal ids
    data = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    (turn,) = data["turns"]
    assert turn["question"] == QUESTION and turn["filters"] == {"since": "2018-01-01"}
    assert [c["quote"] for c in turn["citations"]] == [c.quote for c in answer.citations]


@run_async
async def test_copy_key_copies_answer_and_sources(sample_assistant: Any, tmp_path: Path) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot)
        answer = answers(app)[0].answer
        await pilot.press("f4")
        copied = visible(app.clipboard)  # Markdown, article strings escaped
        assert " ".join(answer.citations[0].quote.split()) in copied
        assert answer.citations[0].claimant in copied


@run_async
async def test_help_opens_with_f1_and_question_mark_types(
    sample_assistant: Any, tmp_path: Path
) -> None:
    app = make_app(sample_assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is app.chat
        box = app.chat.query_one("#question")
        box.focus()
        await pilot.press("?")
        assert app.screen is app.chat  # typed into the question box
        assert box.value == "?"  # type: ignore[attr-defined]
        app.chat.query_one("#citations").focus()
        await pilot.press("?")  # a question mark ends questions: it types from any focus
        assert app.screen is app.chat and box.value == "??"  # type: ignore[attr-defined]
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
