"""The CLI for scripts: batch NDJSON, `rag show`, `rag articles --nl`, option validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from news_rag.rag.catalog import natural_key

from news_rag.cli import cli

QUESTIONS = [
    "Who said the US is training militants at al-Tanf?",
    "When was al-Bukamal liberated?",
    "Which Russian bombers struck ISIS in Deir Ezzor?",
]


def _run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def _lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def _without_timings(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "timings_ms"}


@pytest.mark.model
def test_ask_batch_writes_one_answer_per_line_with_one_assistant(
    sample_index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from news_rag.rag.assistant import Assistant

    opened: list[Any] = []
    original = Assistant.open.__func__  # type: ignore[attr-defined]

    def counting_open(cls: type[Assistant], *args: Any, **kwargs: Any) -> Assistant:
        opened.append(args)
        return original(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Assistant, "open", classmethod(counting_open))
    batch = tmp_path / "questions.jsonl"
    records = [
        QUESTIONS[0],
        "# a comment, skipped",
        json.dumps({"question": QUESTIONS[1], "id": "q2", "since": "2017", "answers": ["x"]}),
        "",
        json.dumps({"question": QUESTIONS[2], "outlet": "global research", "k": 5}),
        "{not json",
        json.dumps({"question": QUESTIONS[0], "since": "2018-13-01"}),
    ]
    batch.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = _run("ask", "--batch", str(batch), "--index", str(sample_index_dir))
    assert result.exit_code == 1  # two records failed; the others were answered
    lines = _lines(result)
    assert len(lines) == 5 and len(opened) == 1
    assert [line.get("question") for line in lines[:3]] == QUESTIONS
    assert lines[1]["id"] == "q2"
    assert lines[3]["line"] == 6 and "JSON" in lines[3]["error"]
    assert lines[4]["line"] == 7 and "not a date" in lines[4]["error"]
    single = json.loads(
        _run("ask", QUESTIONS[0], "--index", str(sample_index_dir), "--json").stdout
    )
    assert _without_timings(lines[0]) == _without_timings(single)
    assert "failed" in result.stderr
    assert "ignored the input field(s) answers" in result.stderr


@pytest.mark.model
def test_ask_and_search_read_stdin(sample_index_dir: Path) -> None:
    asked = _run("ask", "-", "--index", str(sample_index_dir), input="\n".join(QUESTIONS[:2]))
    assert asked.exit_code == 0
    assert [line["question"] for line in _lines(asked)] == QUESTIONS[:2]
    assert all(line["citations"] for line in _lines(asked))

    stdin = "al-Tanf\n" + json.dumps({"query": "al-Tanf", "outlet": "No Such Outlet"}) + "\n"
    searched = _run("search", "-", "--index", str(sample_index_dir), "--k", "2", input=stdin)
    assert searched.exit_code == 0
    first, second = _lines(searched)
    assert len(first["results"]) == 2 and first["query"] == "al-Tanf"
    assert second["results"] == [] and second["filters"]["outlet"] == "No Such Outlet"
    assert "No Such Outlet" in searched.stderr


@pytest.mark.model
def test_search_json_with_a_filter_matching_nothing(sample_index_dir: Path) -> None:
    result = _run("search", "al-Tanf", "--index", str(sample_index_dir), "--json",
                  "--author", "Nobody At All")  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"] == []
    assert "Note:" in result.stderr and "Nobody At All" in result.stderr


@pytest.mark.model
def test_show_highlights_a_cited_span(sample_index_dir: Path) -> None:
    answer = json.loads(
        _run("ask", QUESTIONS[0], "--index", str(sample_index_dir), "--json").stdout
    )
    citation = answer["citations"][0]
    span = f"{citation['char_start']}:{citation['char_end']}"
    shown = _run("show", citation["article_id"], "--at", span, "--index", str(sample_index_dir))
    assert shown.exit_code == 0
    assert f"⟦{citation['quote']}⟧" in shown.stdout
    assert "cleaned text" in shown.stdout
    index = ["--index", str(sample_index_dir)]
    data = json.loads(_run("show", citation["article_id"], "--at", span, *index, "--json").stdout)
    start, end = citation["char_start"], citation["char_end"]
    assert data["span"]["text"] == citation["quote"] == data["text"][start:end]
    outside = _run("show", citation["article_id"], "--at", "0:99999999", "--index",
                   str(sample_index_dir))  # fmt: skip
    assert outside.exit_code == 2 and "outside" in outside.output
    unknown = _run("show", "no-such-id", "--index", str(sample_index_dir))
    assert unknown.exit_code == 2 and "rag articles" in unknown.output


@pytest.mark.model
def test_articles_ndjson_filters_and_natural_order(sample_index_dir: Path) -> None:
    every = _run("articles", "--index", str(sample_index_dir), "--json", "--nl")
    rows = _lines(every)
    assert len(rows) == 5
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), key=natural_key)
    assert (
        json.loads(_run("articles", "--index", str(sample_index_dir), "--json").stdout)["articles"]
        == rows
    )
    dated = _lines(_run("articles", "--index", str(sample_index_dir), "--nl", "--since", "2018"))
    assert dated and len(dated) < 5
    assert all(r["published"] >= "2018-01-01" for r in dated)


def test_natural_key_orders_numbers_by_value() -> None:
    ids = ["doc10", "doc9", "Doc100", "doc9b", "2_x", "10_x"]
    assert sorted(ids, key=natural_key) == ["2_x", "10_x", "doc9", "doc9b", "doc10", "Doc100"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ask", "q", "--since", "2018-13-01"], "not a date"),
        (["search", "q", "--until", "yesterday"], "not a date"),
        (["ask", "q", "--since", "2019", "--until", "2018-06"], "after --until"),
        (["articles", "--since", "2019-01-02", "--until", "2019-01-01"], "after --until"),
        (["ask", "q", "--settings", "missing.json"], "no such settings file"),
        (["search", "q", "--k", "0"], "--k"),
        (["show", "x", "--at", "9:3"], "END must be greater"),
        (["show", "x", "--at", "start:end"], "START:END"),
        (["ask"], "missing QUESTION"),
        (["ask", "q", "--batch", "-"], "not both"),
        (["ask", "--batch", "no-such-file.txt"], "no-such-file.txt"),
    ],
)
def test_bad_option_values_exit_2_with_clicks_message(args: list[str], needle: str) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    assert needle in result.output


def test_bad_settings_file_content_exits_2(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"retrieval": {"colour": 1}}), encoding="utf-8")
    result = _run("ask", "q", "--settings", str(settings))
    assert result.exit_code == 2
    assert "Invalid value for '--settings'" in result.output and "colour" in result.output
