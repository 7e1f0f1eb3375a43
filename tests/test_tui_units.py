"""Unit tests of the TUI's plain modules: slash commands, session store, records, export."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_rag.rag import Answer, Citation, Filters, Passage, SourceLabel
from news_rag.rag.types import Balance
from news_rag.tui.chat_session import ChatTurn
from news_rag.tui.export import conversation_markdown, export_path, write_export
from news_rag.tui.options import ChatOptions
from news_rag.tui.session_store import IndexIdentity, SessionStore
from news_rag.tui.slash import SlashError, apply_filter, parse
from news_rag.tui.widgets.sources import QUOTE_STYLE, quote_in_passage

from tests.tui_helpers import visible

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
        ("/k -3", "between 1 and 100"),
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
    assert Answer.from_dict(ANSWER.to_dict()) == ANSWER
    data = ANSWER.to_dict()
    assert "balance" not in data and "event_date" not in data["citations"][0]  # unchanged keys
    balance = {
        "rests_on": [{"claimant": "Maria Zakharova", "outlet": "Global Research", "count": 1}],
        "also_in_results": [
            {"claimant": "South Front", "outlet": None, "count": 2, "passage_indexes": [0]}
        ],
    }
    dated = replace(CITATION, event_date="2018-11-23")
    full = replace(ANSWER, citations=(dated,), balance=Balance.from_dict(balance))
    assert full.to_dict()["balance"] == balance
    assert full.to_dict()["citations"][0]["event_date"] == "2018-11-23"
    assert Answer.from_dict(full.to_dict()) == full
    with pytest.raises(TypeError):
        Answer.from_dict({**full.to_dict(), "balance": ["not", "an", "object"]})


def test_conversation_turn_storage_methods() -> None:
    from types import SimpleNamespace

    from news_rag.rag import Conversation, Settings, Turn

    # The storage methods never touch the index: an assistant with settings only is enough.
    assistant = SimpleNamespace(settings=Settings())
    conversation = Conversation(assistant=assistant)  # type: ignore[arg-type]
    other = replace(ANSWER, question="And then?")
    conversation.replace_turns([Turn("Who said it?", ANSWER)])
    conversation.add_turn(Turn("And then?", other))
    assert [t.answer for t in conversation.history()] == [ANSWER, other]
    assert conversation.is_follow_up("Who reported that?")
    assert conversation.discard(ANSWER) and not conversation.discard(ANSWER)
    assert [t.answer for t in conversation.history()] == [other]
    conversation.add_turn(Turn("Again?", ANSWER))
    conversation.trim(1)
    assert [t.answer for t in conversation.history()] == [ANSWER]
    conversation.clear()
    assert conversation.history() == []


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
    assert Answer.from_dict(turns[0].answer) == ANSWER
    store.delete(first)
    assert [s.name for s in store.sessions()] == ["renamed"]
    assert store.turns(first) == []
    store.close()
    reopened = SessionStore(tmp_path / "s.sqlite")
    assert reopened.recovered_from is None
    assert [s.name for s in reopened.sessions()] == ["renamed"]


def test_sessions_record_their_index_and_options(tmp_path: Path) -> None:
    here, there = IndexIdentity("/a/index", "c1"), IndexIdentity("/b/index", "c2")
    store = SessionStore(tmp_path / "s.sqlite")
    mine = store.create("mine", here)
    theirs = store.create("theirs", there)
    options = ChatOptions(Filters(outlet="Global Research"), "dense", 4)
    store.add_turn(mine, "Q?", ANSWER.to_dict(), options.to_dict())
    assert [s.name for s in store.sessions(here)] == ["mine"]
    assert [s.name for s in store.sessions(there)] == ["theirs"]
    assert store.latest(here).id == mine  # type: ignore[union-attr]
    moved = IndexIdentity("/elsewhere/index", "c1")  # same corpus, moved directory
    assert [s.id for s in store.sessions(moved)] == [mine]
    assert store.get(theirs).index == there  # type: ignore[union-attr]
    assert ChatOptions.from_dict(store.turns(mine)[0].options) == options


def test_old_sessions_file_gains_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
            "created TEXT NOT NULL, updated TEXT NOT NULL);"
            "CREATE TABLE turns (session_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, "
            "question TEXT NOT NULL, answer_json TEXT NOT NULL, "
            "PRIMARY KEY (session_id, ordinal));"
            "INSERT INTO sessions VALUES (1, 'old', '2026-01-01', '2026-01-01');"
        )
        conn.execute("INSERT INTO turns VALUES (1, 0, 'Q?', ?)", (json_dumps(ANSWER),))
    store = SessionStore(path)
    assert store.recovered_from is None
    (old,) = store.sessions()
    assert old.name == "old" and old.index == IndexIdentity("")
    assert not old.index.matches(IndexIdentity("/a/index", "c1"))
    (turn,) = store.turns(1)
    assert Answer.from_dict(turn.answer) == ANSWER and turn.options == {}


def json_dumps(answer: Answer) -> str:
    import json

    return json.dumps(answer.to_dict())


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


def exported_turns() -> list[ChatTurn]:
    other = replace(CITATION, n=2, claimant="South Front", event_date="2017-11-19")
    answer = replace(ANSWER, citations=(CITATION, other), conflicts=((1, 2),))
    return [ChatTurn("Who said it?", answer, ChatOptions(Filters(since="2018-01-01"), "bm25"))]


def test_export_has_filters_and_full_citations(tmp_path: Path) -> None:
    text = conversation_markdown("My chat", exported_turns(), "hybrid", 10)
    assert text.startswith("# My chat\n")
    shown = visible(text)
    assert "1. Who said it?" in shown
    assert "asked with: since 2018-01-01 · mode bm25 · k 10" in shown
    assert f"[1] {LABEL.render()}" in shown
    assert "claimed by: Maria Zakharova" in shown
    assert "published 2018-11-24" in shown
    assert "claimed by: South Front" in shown and "event date 2017-11-19" in shown
    assert "disagrees with [2]" in shown and "disagrees with [1]" in shown
    assert CITATION.quote in shown
    assert "source: /x/a1.txt" in shown
    for internal in ("group", "a1`", "characters", "0.87"):  # no internal ids or scores
        assert internal not in text
    path = write_export(export_path(str(tmp_path / "sub" / "chat")), "My chat", exported_turns())
    assert path.name == "chat.md" and path.read_text(encoding="utf-8") == text


def test_json_export(tmp_path: Path) -> None:
    import json

    index = IndexIdentity("/data/index", "c0ffee")
    path = write_export(tmp_path / "chat.json", "My chat", exported_turns(), index, "hybrid", 10)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["index"] == {"path": "/data/index", "corpus_id": "c0ffee"}
    (turn,) = data["turns"]
    assert (turn["filters"], turn["mode"], turn["k"]) == ({"since": "2018-01-01"}, "bm25", 10)
    first, second = turn["citations"]
    assert first["claimant"] == "Maria Zakharova" and first["published"] == "2018-11-24"
    assert first["quote"] == CITATION.quote and first["disagrees_with"] == [2]
    assert second["event_date"] == "2017-11-19"
    assert "article_id" not in first and "conflict_group" not in first and "score" not in first


def test_quote_is_highlighted_inside_its_passage() -> None:
    shown = quote_in_passage(CITATION, TEXT)
    assert shown.plain == TEXT
    spans = [(s.start, s.end) for s in shown.spans if s.style == QUOTE_STYLE]
    assert spans == [(QUOTE_START, QUOTE_END)]
    alone = quote_in_passage(CITATION, "different text")  # offsets no longer match
    assert alone.plain == CITATION.quote


def test_chat_command_without_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    from news_rag.cli.chat_command import MISSING_TUI, chat_command

    for name in [
        m for m in sys.modules if m.split(".")[0] == "textual" or m.startswith("news_rag.tui")
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "textual", None)  # as if it were not installed
    result = CliRunner().invoke(chat_command, [])
    assert result.exit_code == 1
    assert MISSING_TUI in result.output


def test_help_lists_every_binding() -> None:
    from news_rag.tui.app import ChatApp
    from news_rag.tui.screens.article import ArticleScreen
    from news_rag.tui.screens.chat import ChatScreen
    from news_rag.tui.screens.help import help_table
    from news_rag.tui.slash import COMMANDS
    from news_rag.tui.widgets.sources import SourcesPane
    from rich.console import Console
    from textual.app import App
    from textual.binding import Binding

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
