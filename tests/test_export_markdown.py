"""The Markdown export reads cleanly as plain text and renders as it reads: rendered back with
markdown-it-py (GitHub-like: tables, strikethrough, bare-URL links), every string comes
through as text, and nothing is escaped that Markdown would not misread (no `\\(`, `\\[1\\]`,
`news\\_rag`)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from news_rag.rag import Answer, Citation, SourceLabel
from news_rag.rag.render_markdown import md_heading, md_inline
from news_rag.tui.chat_session import ChatTurn
from news_rag.tui.export import conversation_markdown
from news_rag.tui.options import ChatOptions

from tests.tui_helpers import ask, make_app, run_async, wait_ready

# Text an article (or a question) may hold, each of which a careless writer turns into markup.
TRICKY = [
    "*stars* and **bold** and a lone * star",
    "_under_ and news_rag and snake_case_name",
    "`code` and ``double``",
    "[link](https://example.com) and ![img](x.png) and [ref][1] and [1]: http://x",
    "<b>bold</b> and <Adb> and <https://example.com> and a < b > c",
    "&amp; &#38; and AT&T and R&D;",
    "~~struck~~ and ~tilde~ and approx ~5 km",
    "C:\\path\\*file and a trailing backslash \\",
    "# not a heading",
    "## neither",
    "> not a quote",
    "- not a list",
    "+ nor this",
    "* nor this",
    "1. not numbered",
    "2) not numbered",
    "---",
    "===",
    "| a | b |",
    "[@click=app.quit]quit[/] and [link=https://x]T[/link]",
]
# Plain text that needs no escape at all.
CLEAN = [
    "(a) video conference",
    "[1]",
    "news_rag",
    "U.S. troops, 3.5% and 1,000 dlrs",
    "al-Tanf (Syria) - 2017-11-21",
    "3 * 4 = 12",
    "spokeswoman (Russian Foreign Ministry)",
    "https://example.com/report",
]


def rendered_text(markdown: str) -> str:
    """What a reader of the rendered page sees: the HTML's text, unescaped."""
    page = MarkdownIt("gfm-like").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def tags(markdown: str) -> set[str]:
    return set(re.findall(r"<([a-z0-9]+)", MarkdownIt("gfm-like").render(markdown)))


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_renders_as_itself(text: str) -> None:
    for line_start in (True, False):
        written = md_inline(text, line_start=line_start)
        prefix = "" if line_start else "x "
        assert rendered_text(prefix + written).strip() == prefix + text
        assert tags(prefix + written) <= {"p", "a"}  # no emphasis, code, list, heading, ...


@pytest.mark.parametrize("text", CLEAN)
def test_plain_text_is_written_as_it_is(text: str) -> None:
    assert md_inline(text) == text
    assert rendered_text(text).strip() == text


def test_headings_keep_their_text() -> None:
    for title in ("Chat #1 #", "#", "1. What did Zakharova say?", "news_rag [1] (a)"):
        assert rendered_text(md_heading(2, title)).strip() == title
        assert tags(md_heading(2, title)) <= {"h2", "a"}


LABEL = SourceLabel(
    "a1", "War (re-posted)", "Global Research", "South Front", "2018-11-24", None, "/x/a1.txt"
)
QUOTE = '"During (a) video conference, news_rag and *stars* [2]," she said.'


def _answer() -> Answer:
    citation = Citation(
        n=1,
        quote=QUOTE,
        char_start=0,
        char_end=len(QUOTE),
        claimant="Maria Zakharova (Russian Foreign Ministry Spokeswoman)",
        score=0.9,
        source=LABEL,
        passage_start=0,
        passage_end=len(QUOTE),
        conflict_group=0,
    )
    other = replace(citation, n=2, claimant="South Front", quote="On November 19 it fell.")
    return Answer(
        question="What was said?",
        answer=(
            "The sources disagree:\n"
            f"- (Global Research, published 2018-11-24) According to her, “{QUOTE}” [1]\n"
            "- (South Front, published 2017-11-21) On November 19 it fell. [2]"
        ),
        abstained=False,
        citations=(citation, other),
        conflicts=((1, 2),),
    )


def test_an_answer_exports_cleanly_and_renders_whole() -> None:
    answer = _answer()
    turns = [ChatTurn("What did (a) news_rag say [1]?", answer, ChatOptions())]
    markdown = conversation_markdown("news_rag (a) [1]", turns)
    for noise in ("\\(", "\\)", "\\[1\\]", "news\\_rag", "\\.", "\\-"):
        assert noise not in markdown, noise
    shown = rendered_text(markdown)
    assert "news_rag (a) [1]" in shown and "What did (a) news_rag say [1]?" in shown
    assert "claimed by: Maria Zakharova (Russian Foreign Ministry Spokeswoman)" in shown
    # the nested marks: the answer line shows one pair, the inner pair made single
    assert "“‘During (a) video conference, news_rag and *stars* [2],’ she said.”" in shown
    page = MarkdownIt("gfm-like").render(markdown).replace("<em>asked with", "")
    assert "*stars*" in shown and "<em>" not in page
    assert shown.count("On November 19 it fell.") == 2  # the answer's list and the source
    assert "disagrees with [2]" in shown and "disagrees with [1]" in shown


@pytest.mark.model
@run_async
async def test_exported_chat_reads_cleanly(sample_assistant: Any, tmp_path: Path) -> None:
    """The real app: a disagreement and a refusal exported with /export, rendered back."""
    app = make_app(sample_assistant, tmp_path)
    target = tmp_path / "chat.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot, app)
        await ask(pilot, "When was al-Bukamal liberated?")
        await ask(pilot, "What is the price of cocoa in Ghana?")
        await ask(pilot, f"/export {target}")
        assert app.errors() == []
        conflict, refusal = (turn.answer for turn in app.chat.session.turns)
    assert conflict.conflicts and refusal.abstained
    markdown = target.read_text(encoding="utf-8")
    for noise in ("\\(", "\\[", "\\]", "\\_", "\\.", "\\-", "\\:"):
        assert noise not in markdown, noise
    shown = rendered_text(markdown)
    for citation in conflict.citations:
        assert " ".join(citation.quote.split()) in shown
        assert f"claimed by: {citation.claimant}" in shown
        assert f"[{citation.n}] {citation.source.render()}" in shown
    assert "nearest passages are listed below" in shown
    assert refusal.passages[0].source.render() in shown
    assert shown.count("nearest passages") == 1  # the refusal said once


def test_a_follow_up_says_how_it_was_read() -> None:
    answer = replace(_answer(), resolved_question="When did Zakharova say it?")
    turns = [ChatTurn("When did she say it?", answer, ChatOptions())]
    shown = rendered_text(conversation_markdown("follow-ups", turns))
    assert "When did she say it?" in shown and "read as: When did Zakharova say it?" in shown
    same = replace(answer, resolved_question="When did she say it?")
    plain = rendered_text(
        conversation_markdown("x", [ChatTurn("When did she say it?", same, ChatOptions())])
    )
    assert "read as" not in plain
