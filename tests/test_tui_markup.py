"""Strings from articles never act as Rich/Textual markup: the real app over a tiny index whose
titles, outlets, authors and text carry markup, brackets and URLs (fake embedder)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from news_rag.rag import Filters
from news_rag.tui.chat_session import ChatTurn
from news_rag.tui.export import conversation_markdown
from news_rag.tui.options import ChatOptions
from news_rag.tui.render import MARKER_STYLE
from news_rag.tui.screens.article import ArticleScreen
from news_rag.tui.session_store import SessionStore
from news_rag.tui.widgets.messages import AnswerView
from textual.command import CommandList
from textual.content import Content
from textual.visual import visualize
from textual.widgets import ListView, Static

from tests.tui_helpers import (
    BRACKET_OUTLET,
    HOSTILE_AUTHOR,
    HOSTILE_OUTLET,
    HOSTILE_SENTENCE,
    HOSTILE_TITLE,
    citation_texts,
    here,
    hostile_answer,
    make_app,
    markup_assistant,
    run_async,
    settle,
    wait_ready,
)


def rendered(widget: Static) -> Content:
    """What a Static shows, as Textual content (its spans carry any link or action)."""
    visual = visualize(widget, widget.content, markup=False)
    assert isinstance(visual, Content)
    return visual


def assert_inert(content: Content) -> None:
    """No span of `content` is a link or carries an action (`@click` meta)."""
    for span in content.spans:
        style = span.style
        assert isinstance(style, str) or (style.link is None and not style.meta), span
        assert "link" not in str(style) and "@click" not in str(style), span


def saved(assistant: Any, tmp_path: Path, answer: Any) -> None:
    store = SessionStore(tmp_path / "sessions.sqlite")
    store.add_turn(store.create("hostile", here(assistant)), answer.question, answer.to_dict())
    store.close()


async def palette_prompts(pilot: Any, query: str = "") -> list[str]:
    await pilot.press("ctrl+p")
    await settle(pilot)
    if query:
        await pilot.press(*query)
    for _ in range(60):  # the palette gathers hits asynchronously
        await pilot.pause(0.05)
        if (
            pilot.app.screen.query(CommandList)
            and pilot.app.screen.query_one(CommandList).option_count
        ):
            break
    options = pilot.app.screen.query_one(CommandList)
    prompts = []
    for index in range(options.option_count):
        prompt = options.get_option_at_index(index).prompt
        assert isinstance(prompt, Content)
        assert_inert(prompt)
        prompts.append(prompt.plain)
    return prompts


@run_async
async def test_palette_shows_markup_names_literally(tmp_path: Path) -> None:
    app = make_app(markup_assistant(tmp_path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        prompts = await palette_prompts(pilot)
        joined = "\n".join(prompts)
        assert f"Only outlet: {HOSTILE_OUTLET}" in joined
        assert f"Only outlet: {BRACKET_OUTLET}" in joined
        assert f"Only author: {HOSTILE_AUTHOR}" in joined
        assert f"/outlet {HOSTILE_OUTLET}" in joined  # the escaped help text
        await pilot.press("escape")
        await settle(pilot)
        prompts = await palette_prompts(pilot, "Times [UK]")
        assert any(BRACKET_OUTLET in p for p in prompts), prompts
        await pilot.press("enter")
        await settle(pilot)
        assert app.chat.options.filters.outlet == BRACKET_OUTLET
        await palette_prompts(pilot, "link=")  # the hostile outlet, searched: no MarkupError
        await pilot.press("enter")
        await settle(pilot)
        assert app.chat.options.filters.outlet == HOSTILE_OUTLET
        assert app.is_running and app.errors() == []


@run_async
async def test_answer_sources_and_article_show_markup_literally(tmp_path: Path) -> None:
    assistant = markup_assistant(tmp_path)
    answer = hostile_answer(assistant)
    saved(assistant, tmp_path, answer)
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_ready(pilot, app)
        view = app.chat.query_one(AnswerView)
        body = rendered(view.query_one(".answer-body", Static))
        assert body.plain.split("\n") == answer.answer.split("\n")  # one line per quote
        assert_inert(body)
        bold = [body.plain[s.start : s.end] for s in body.spans if str(s.style) == MARKER_STYLE]
        assert bold == ["[1]", "[2]"]  # the "[2]" inside the first quote is text
        first_line = body.plain.split("\n")[0]
        assert first_line.startswith(HOSTILE_SENTENCE)
        balance = rendered(view.query_one(".balance", Static))
        assert HOSTILE_AUTHOR in balance.plain and "[@click=app.quit]x[/]" in balance.plain
        assert_inert(balance)
        cards = citation_texts(app)
        assert HOSTILE_OUTLET in cards[0] and HOSTILE_AUTHOR in cards[0]
        assert BRACKET_OUTLET in cards[1]
        for card in app.chat.query(".citation Static").results(Static):
            assert_inert(rendered(card))
        app.chat.query_one("#citations", ListView).focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.sub_title == HOSTILE_TITLE
        meta = rendered(screen.query_one("#article-meta", Static))
        assert HOSTILE_TITLE in meta.plain and HOSTILE_OUTLET in meta.plain
        assert_inert(meta)
        assert screen.quote_text is not None and HOSTILE_SENTENCE in screen.quote_text.plain
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.errors() == []


@run_async
async def test_disagreement_sides_show_markup_literally(tmp_path: Path) -> None:
    assistant = markup_assistant(tmp_path)
    saved(assistant, tmp_path, hostile_answer(assistant, disagree=True))
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_ready(pilot, app)
        sides = [rendered(s) for s in app.chat.query(".side").results(Static)]
        assert len(sides) == 2
        assert HOSTILE_AUTHOR in sides[0].plain and HOSTILE_OUTLET in sides[0].plain
        assert HOSTILE_SENTENCE in sides[0].plain
        assert BRACKET_OUTLET in sides[1].plain
        for side in sides:
            assert_inert(side)


def test_export_escapes_markdown(tmp_path: Path) -> None:
    assistant = markup_assistant(tmp_path)
    answer = hostile_answer(assistant)
    turns = [ChatTurn(answer.question, answer, ChatOptions(Filters(outlet=HOSTILE_OUTLET)))]
    text = conversation_markdown("chat [b]x[/b]", turns)
    parser = MarkdownIt("gfm-like")  # linkify on: bare URLs become links
    page = parser.render(text)
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', page)
    assert links and page.count("<a ") == len(links)
    assert all(target == shown for target, shown in links)  # a link shows where it goes
    assert "<em>" not in page.replace("<em>asked with", "") and "<img" not in page
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))  # the text a reader sees
    assert HOSTILE_SENTENCE in shown  # the "[2]", the URL and the action, all literal
    assert HOSTILE_OUTLET in shown and HOSTILE_AUTHOR in shown and BRACKET_OUTLET in shown
