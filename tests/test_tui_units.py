"""Unit tests of the TUI's plain modules: slash commands, session store, records, export."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from news_rag.rag import Answer, Citation, Filters, Passage, SourceLabel
from news_rag.tui.export import conversation_markdown, write_markdown
from news_rag.tui.options import ChatOptions
from news_rag.tui.records import answer_from_dict
from news_rag.tui.sessions import SessionStore
from news_rag.tui.slash import SlashError, apply_filter, parse
from news_rag.tui.widgets.sources import QUOTE_STYLE, quote_in_passage

LABEL = SourceLabel(
    article_id="a1",
    title="A title",
    outlet="Global Research",
    author="South Front",
    published="2018-11-24",
    url=None,
    source_path="/x/a1.txt",
    original_source="South Front",
    original_published="2018-11-23",
)
TEXT = "Intro sentence. Zakharova said the US trains militants. Closing words here."
QUOTE_START = TEXT.index("Zakharova")
QUOTE_END = TEXT.index("Closing") - 1
CITATION = Citation(
    n=1,
    quote=TEXT[QUOTE_START:QUOTE_END],
    char_start=QUOTE_START,
    char_end=QUOTE_END,
    claimant="Maria Zakharova",
    score=0.87654,
    source=LABEL,
    passage_start=0,
    passage_end=len(TEXT),
    conflict_group=2,
    also_in=(LABEL,),
)
ANSWER = Answer(
    question="Who said it?",
    answer=f"{CITATION.quote} [1]",
    abstained=False,
    citations=(CITATION,),
    passages=(Passage("a1", 0, TEXT, 0.5, 0, len(TEXT), LABEL),),
    conflicts=((1, 2),),
    timings_ms={"total": 12.5},
)


def apply(text: str, options: ChatOptions | None = None) -> ChatOptions:
    command = parse(text)
    assert command is not None
    return apply_filter(command, options or ChatOptions())


def test_slash_filters_set_and_clear() -> None:
    assert parse("What happened?") is None
    options = apply("/outlet Global Research")
    options = apply("/since 2018-01-01", options)
    options = apply("/MODE dense", options)
    options = apply("/k 7", options)
    assert options == ChatOptions(Filters(outlet="Global Research", since="2018-01-01"), "dense", 7)
    assert "outlet Global Research" in options.describe()
    assert "mode dense · k 7" in options.describe()
    assert apply("/outlet", options).filters.outlet is None
    assert ChatOptions().describe("hybrid", 10) == "no filters · mode hybrid · k 10"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("/since 2018-13-01", "YYYY-MM-DD"),
        ("/until soon", "YYYY-MM-DD"),
        ("/mode semantic", "hybrid, dense, bm25"),
        ("/k -3", "between 1 and 1000"),
        ("/k many", "whole number"),
        ("/nope", "unknown command"),
    ],
)
def test_slash_rejects_bad_values(text: str, message: str) -> None:
    with pytest.raises(SlashError, match=message):
        apply(text)


def test_slash_rejects_since_after_until() -> None:
    with pytest.raises(SlashError, match="after"):
        apply("/since 2019-01-01", apply("/until 2018-01-01"))


def test_answer_round_trips_through_its_dict() -> None:
    assert answer_from_dict(ANSWER.to_dict()) == ANSWER


def test_session_store_crud(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "s.sqlite")
    first = store.create("first")
    second = store.create("second")
    store.add_turn(first, "Who said it?", ANSWER.to_dict())
    store.add_turn(first, "And then?", ANSWER.to_dict())
    store.rename(second, "renamed")
    names = {s.name: s.turns for s in store.sessions()}
    assert names == {"first": 2, "renamed": 0}
    turns = store.turns(first)
    assert [t.question for t in turns] == ["Who said it?", "And then?"]
    assert answer_from_dict(turns[0].answer) == ANSWER
    store.delete(first)
    assert [s.name for s in store.sessions()] == ["renamed"]
    assert store.turns(first) == []
    store.close()
    reopened = SessionStore(tmp_path / "s.sqlite")
    assert reopened.recovered_from is None
    assert [s.name for s in reopened.sessions()] == ["renamed"]


def test_corrupt_session_store_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite"
    path.write_bytes(b"garbage" * 1000)
    store = SessionStore(path)
    assert store.recovered_from is not None
    assert store.recovered_from.read_bytes().startswith(b"garbage")
    assert store.sessions() == []
    store.create("fresh")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sessions").fetchall() == [("fresh",)]


def test_export_has_full_citations(tmp_path: Path) -> None:
    text = conversation_markdown("My chat", [("Who said it?", ANSWER)])
    assert text.startswith("# My chat\n")
    assert "## 1. Who said it?" in text
    assert f"**[1]** {LABEL.render()}" in text
    assert "claimed by: Maria Zakharova" in text
    assert f"> {CITATION.quote}" in text
    assert f"article `a1`, characters {QUOTE_START}-{QUOTE_END}" in text
    assert "conflicting sources" in text
    assert "0.87" not in text  # no raw scores
    path = write_markdown(tmp_path / "sub" / "chat", "My chat", [("Who said it?", ANSWER)])
    assert path.name == "chat.md" and path.read_text(encoding="utf-8") == text


def test_quote_is_highlighted_inside_its_passage() -> None:
    shown = quote_in_passage(CITATION, TEXT)
    assert shown.plain == TEXT
    spans = [(s.start, s.end) for s in shown.spans if s.style == QUOTE_STYLE]
    assert spans == [(QUOTE_START, QUOTE_END)]
    alone = quote_in_passage(CITATION, "different text")  # offsets no longer match
    assert alone.plain == CITATION.quote


def test_chat_command_without_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    from news_rag.rag.cli.chat_command import MISSING_TUI, chat_command

    for name in [
        m for m in sys.modules if m.split(".")[0] == "textual" or m.startswith("news_rag.tui")
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "textual", None)  # as if it were not installed
    result = CliRunner().invoke(chat_command, [])
    assert result.exit_code == 1
    assert MISSING_TUI in result.output


def test_help_lists_every_binding() -> None:
    from rich.console import Console
    from textual.app import App
    from textual.binding import Binding

    from news_rag.tui.app import ChatApp
    from news_rag.tui.screens.article import ArticleScreen
    from news_rag.tui.screens.chat import ChatScreen
    from news_rag.tui.screens.help import help_table
    from news_rag.tui.slash import COMMANDS
    from news_rag.tui.widgets.sources import SourcesPane

    classes = (ChatApp, ChatScreen, SourcesPane, ArticleScreen)
    sections = [(cls.__name__, cls.BINDINGS) for cls in classes]
    console = Console(width=200, record=True)
    console.print(help_table(App(), sections))
    shown = console.export_text()
    described = [b for _, bs in sections for b in bs if isinstance(b, Binding) and b.description]
    assert len(described) >= 10
    for binding in described:
        assert binding.description in shown
    for command in COMMANDS:
        assert command in shown


def test_citation_card_marks_conflicts_and_keeps_words_whole() -> None:
    from dataclasses import replace

    from news_rag.tui.widgets.sources import citation_card

    other = replace(CITATION, n=2, conflict_group=2)
    answer = replace(ANSWER, citations=(CITATION, other))
    card = citation_card(CITATION, answer, TEXT).plain
    assert card.startswith(f"[1] {LABEL.render()}")
    assert "re-posted from South Front, 2018-11-23" in card
    assert "claimed by: Maria Zakharova" in card
    assert "conflicting sources: disagrees with [2]" in card
    calm = citation_card(replace(CITATION, conflict_group=None), answer, TEXT).plain
    assert "conflicting" not in calm
    long_text = "word " * 100 + CITATION.quote + " tail" * 100
    start = long_text.index(CITATION.quote)
    far = replace(
        CITATION,
        char_start=start,
        char_end=start + len(CITATION.quote),
        passage_start=0,
        passage_end=len(long_text),
    )
    shown = quote_in_passage(far, long_text).plain
    assert shown.startswith("…word ") and shown.endswith(" tail…")
    assert CITATION.quote in shown
