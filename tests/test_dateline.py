"""The dateline (place) on the read path: in the source label and every JSON output, and as
a filter (`--dateline PLACE`) that restricts the search itself.

Real model and real FAISS index over three wire stories (tests/wire_corpus.py) whose places
come from a JSONL `dateline` field (HOUSTON), a `places` list (brazil) and a dateline opening
the body (LONDON).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from news_rag.index.types import Article
from news_rag.rag.catalog import matches
from news_rag.rag.retrieve import filter_clause
from news_rag.rag.types import Filters, SourceLabel
from news_rag.tui.options import ChatOptions
from news_rag.tui.slash import apply_filter, parse

from news_rag.cli import cli
from tests.wire_corpus import PLACES, write_wire_corpus

LONDON_QUERY = "Bank of England money market assistance"
OIL_QUESTION = "By how much did Texaco raise the posted price of crude oil?"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _json(*args: str) -> Any:
    result = _run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _search(index: Path, query: str, *options: str) -> list[dict[str, Any]]:
    found = _json("search", query, "--index", str(index), "--json", *options)
    results: list[dict[str, Any]] = found["results"]
    return results


# --- the label and the JSON ----------------------------------------------------------------


def test_label_renders_the_place_after_the_outlet() -> None:
    label = SourceLabel("a", "Oil prices", "Reuters", None, "1987-02-26", None, "a.jsonl",
                        dateline="HOUSTON")  # fmt: skip
    assert label.render() == "Reuters · HOUSTON · 1987-02-26 · Oil prices"
    assert SourceLabel.from_dict(label.to_dict()) == label
    without = SourceLabel("a", "Oil prices", "Reuters", None, "1987-02-26", None, "a.jsonl")
    assert without.render() == "Reuters · 1987-02-26 · Oil prices"
    assert SourceLabel.from_dict({"article_id": "a", "source_path": "a"}).dateline is None


@pytest.mark.model
def test_search_json_and_text_carry_each_storys_place(wire_index_dir: Path) -> None:
    results = _search(wire_index_dir, "crude oil cocoa money market", "--k", "10")
    assert {r["title"] for r in results} == set(PLACES)
    for result in results:
        assert result["dateline"] == PLACES[result["title"]]
    text = _run("search", "crude oil postings", "--index", str(wire_index_dir), "--k", "1")
    assert text.exit_code == 0, text.output
    assert "Reuters · HOUSTON · 1987-02-26 · Texaco raises crude oil postings" in text.stdout


@pytest.mark.model
def test_ask_json_citations_and_passages_carry_the_place(wire_index_dir: Path) -> None:
    answer = _json("ask", OIL_QUESTION, "--index", str(wire_index_dir), "--json")
    assert answer["citations"], answer["answer"]
    for item in (*answer["citations"], *answer["passages"]):
        assert item["dateline"] == PLACES[item["title"]]
    assert any(c["dateline"] == "HOUSTON" for c in answer["citations"])


# --- the filter -----------------------------------------------------------------------------


@pytest.mark.model
def test_dateline_filter_restricts_search_to_that_place(wire_index_dir: Path) -> None:
    unfiltered = _search(wire_index_dir, LONDON_QUERY)
    assert unfiltered[0]["dateline"] == "LONDON"  # the filter below has to overrule this
    for place in ("houston", "HOUSTON", "Houston, Feb 26 -"):
        results = _search(wire_index_dir, LONDON_QUERY, "--dateline", place)
        assert results, place
        assert {r["dateline"] for r in results} == {"HOUSTON"}, place
    brazil = _search(wire_index_dir, LONDON_QUERY, "--dateline", "BRAZIL")  # from `places`
    assert brazil
    assert {r["dateline"] for r in brazil} == {"brazil"}


@pytest.mark.model
def test_dateline_filter_stays_exact_on_an_approximate_index(
    tmp_path: Path, real_embedder: Any
) -> None:
    from news_rag.index.pipeline import run_index

    index = tmp_path / "hnsw"
    run_index([write_wire_corpus(tmp_path / "corpus")], index, embedder=real_embedder,
              faiss_factory="HNSW16")  # fmt: skip
    settings = tmp_path / "settings.json"  # no exact fallback: the HNSW search must filter
    settings.write_text(json.dumps({"retrieval": {"exact_filter_max": 0}}), encoding="utf-8")
    options = ("--mode", "dense", "--settings", str(settings), "--dateline", "london")
    results = _search(index, OIL_QUESTION, *options)
    assert results
    assert {r["dateline"] for r in results} == {"LONDON"}


@pytest.mark.model
def test_a_place_no_article_has_is_the_usual_one_line_error(wire_index_dir: Path) -> None:
    for place in ("paris", "HOUS"):  # a place is matched whole, not as a substring
        result = _run("ask", OIL_QUESTION, "--index", str(wire_index_dir), "--dateline", place)
        assert result.exit_code != 0
        assert "no indexed article matches the filters" in result.output
        assert f"dateline={place!r}" in result.output
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    search = _run("search", "oil", "--index", str(wire_index_dir), "--dateline", "paris",
                  "--json")  # fmt: skip
    assert search.exit_code == 0  # search: no results and a note, as for any filter
    assert json.loads(search.stdout)["results"] == []
    assert "no indexed article matches the filters" in search.stderr


@pytest.mark.model
def test_articles_and_batch_take_the_dateline(wire_index_dir: Path, tmp_path: Path) -> None:
    listed = _json("articles", "--index", str(wire_index_dir), "--dateline", "london", "--json")
    assert [a["title"] for a in listed["articles"]] == [
        "Bank of England provides money market help"
    ]
    batch = tmp_path / "queries.jsonl"
    batch.write_text(json.dumps({"query": LONDON_QUERY, "dateline": "houston"}) + "\n")
    result = _run("search", "--batch", str(batch), "--index", str(wire_index_dir))
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(text) for text in result.stdout.splitlines()]
    assert line["filters"]["dateline"] == "houston"
    assert line["results"]
    assert {r["dateline"] for r in line["results"]} == {"HOUSTON"}


def test_an_older_generation_without_the_column_matches_no_place(tmp_path: Path) -> None:
    from news_rag.index.pipeline import run_index
    from news_rag.index.store.reader import IndexReader
    from news_rag.rag.retrieve import Retriever

    from tests.fakes import FakeEmbedder

    index = tmp_path / "index"
    run_index([write_wire_corpus(tmp_path / "corpus")], index, embedder=FakeEmbedder())
    reader = IndexReader.open(index)
    (meta,) = index.rglob("meta.sqlite")
    reader.close()
    with sqlite3.connect(meta) as conn:  # as written before the dateline column existed
        conn.execute("ALTER TABLE articles DROP COLUMN dateline")
    old = IndexReader.open(index, verify=False)
    try:
        retriever = Retriever(old, FakeEmbedder())
        assert retriever.allowed_ids(Filters(dateline="houston")) == []
        assert retriever.allowed_ids(Filters(outlet="reuters"))  # other filters still work
    finally:
        old.close()


# --- unit rules: SQL, the article list, the TUI --------------------------------------------


def test_place_is_matched_whole_and_ignoring_case() -> None:
    article = Article(id="a", text="x", source_path="a", content_hash="h", dateline="NEW YORK")
    assert matches(article, Filters(dateline="new york"))
    assert matches(article, Filters(dateline=" New  York "))
    assert not matches(article, Filters(dateline="york"))
    assert matches(article, Filters(dateline="  "))  # blank: no filter
    where, params = filter_clause(Filters(dateline="NEW YORK, March 3 -"))
    assert where == "a.dateline = ? COLLATE NOCASE"
    assert params == ["NEW YORK"]


def test_tui_dateline_command_sets_and_clears_the_filter() -> None:
    command = parse("/dateline HOUSTON")
    assert command is not None
    options = apply_filter(command, ChatOptions())
    assert options.filters.dateline == "HOUSTON"
    assert options.describe() == "dateline HOUSTON · mode hybrid · k 10"
    assert ChatOptions.from_dict(options.to_dict()) == options
    cleared = parse("/dateline")
    assert cleared is not None
    assert apply_filter(cleared, options).filters.dateline is None
