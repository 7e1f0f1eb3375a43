"""The analysis as a step of `rag index` (real spaCy model): stored once, reused while the
article and the analysis are unchanged, redone when either changes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from news_rag.index.analysis import records as analysis_types
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.analysis.store import (
    create_table,
    read_analysis,
    reuse_or_analyse,
    write_analysis,
)
from news_rag.index.pipeline import run_index
from news_rag.index.sentences import split_sentences
from news_rag.index.store.publish import current_generation_path

from tests.fakes import FakeEmbedder


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


class CountingAnalyser:
    def __init__(self, inner: Analyser) -> None:
        self.inner = inner
        self.articles = 0

    def analyse(
        self, articles: Sequence[ArticleInput], *, progress: Any = None
    ) -> list[list[SentenceAnalysis]]:
        self.articles += len(articles)
        return self.inner.analyse(articles, progress=progress)


def test_records_round_trip_through_dict_and_sqlite(analyser: Analyser) -> None:
    text = "According to local sources, 12 people died on Monday. The mayor said it was calm."
    article = ArticleInput("x", text, tuple(split_sentences(text)), "2020-05-06", None, "Wire")
    records = analyser.analyse([article])[0]
    for record in records:
        assert SentenceAnalysis.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    conn = sqlite3.connect(":memory:")
    create_table(conn)
    write_analysis(conn, article, records)
    assert read_analysis(conn, "x") == records


def test_unchanged_article_is_never_analysed_twice(analyser: Analyser) -> None:
    text = "The minister said the plan would work. Critics disagreed."
    articles = [
        ArticleInput("a", text, tuple(split_sentences(text)), "2020-01-01", "Ann", None),
        ArticleInput("b", "Prices rose 3 pct, traders said.", ((0, 32),), None, None, "Wire"),
    ]
    counting = CountingAnalyser(analyser)
    conn = sqlite3.connect(":memory:")
    create_table(conn)
    first = reuse_or_analyse(None, articles, counting)
    assert counting.articles == 2
    for article in articles:
        write_analysis(conn, article, first[article.article_id])
    again = reuse_or_analyse(conn, articles, counting)
    assert counting.articles == 2  # nothing analysed on an unchanged re-run
    assert again == first
    changed = [articles[0], ArticleInput("b", "Prices fell, traders said.", ((0, 26),), None,
                                         None, "Wire")]  # fmt: skip
    reuse_or_analyse(conn, changed, counting)
    assert counting.articles == 3  # only the changed article


# ------------------------------------------------------------------- rag index pipeline


def _write_articles(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _stored(index_dir: Path) -> dict[str, list[SentenceAnalysis]]:
    generation = current_generation_path(index_dir)
    assert generation is not None
    conn = sqlite3.connect(generation / "meta.sqlite")
    try:
        ids = [row[0] for row in conn.execute("SELECT DISTINCT article_id FROM sentence_analysis")]
        return {article_id: read_analysis(conn, article_id) for article_id in ids}
    finally:
        conn.close()


def _article(place: str, name: str, count: int, day: str) -> str:
    """A small article; no line repeats across articles (repeated lines are boilerplate)."""
    return (
        f"Flood waters rose in {place} on {day}.\n\n"
        f"Regional governor {name} said {count} people had been evacuated from {place}.\n\n"
        f'"We expect the river at {place} to fall by Friday," she told reporters.\n'
    )


def test_rag_index_analyses_only_new_or_changed_articles(
    tmp_path: Path, analyser: Analyser
) -> None:
    corpus = _write_articles(
        tmp_path / "corpus",
        {"north": _article("Tromso", "Maria Olsen", 200, "Monday"),
         "south": _article("Malmo", "Erika Lund", 350, "Tuesday")},
    )  # fmt: skip
    index_dir = tmp_path / "idx"
    counting = CountingAnalyser(analyser)
    run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=counting)
    assert counting.articles == 2
    stored = _stored(index_dir)
    assert sorted(stored) == ["north", "south"]
    quote = stored["north"][-1]
    assert quote.claimant is not None and quote.claimant.startswith("Maria Olsen")

    again = run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=counting)
    assert counting.articles == 2  # an unchanged corpus analyses nothing
    assert again.unchanged and not again.added

    _write_articles(corpus, {"east": _article("Turku", "Anna Berg", 90, "Sunday")})
    run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=counting)
    assert counting.articles == 3  # only the new article; the others are reused
    after = _stored(index_dir)
    assert sorted(after) == ["east", "north", "south"]
    assert after["north"] == stored["north"]

    _write_articles(corpus, {"south": _article("Malmo", "Erika Lund", 400, "Tuesday")})
    run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=counting)
    assert counting.articles == 4  # only the changed article
    assert _stored(index_dir)["east"] == after["east"]


def test_a_new_analysis_version_reanalyses_an_unchanged_corpus(
    tmp_path: Path, analyser: Analyser, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _write_articles(
        tmp_path / "corpus", {"north": _article("Tromso", "Maria Olsen", 200, "Monday")}
    )
    index_dir = tmp_path / "idx"
    counting = CountingAnalyser(analyser)
    run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=counting)
    run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=counting)
    assert counting.articles == 1
    monkeypatch.setattr(analysis_types, "ANALYSIS_VERSION", analysis_types.ANALYSIS_VERSION + 1)
    run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=counting)
    assert counting.articles == 2  # the stored rows came from another analysis
    run_index([corpus], index_dir, embedder=FakeEmbedder(), analyser=counting)
    assert counting.articles == 2  # and are current again


def test_an_article_whose_analysis_fails_is_stored_without_it(
    analyser: Analyser, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """One article the analysis cannot handle must not stop the corpus: it gets the
    fallback claimant and a warning naming it; the other articles are analysed."""
    from news_rag.index.analysis import analyse as analyse_module

    real = analyse_module.analyse_sentences

    def fails_on_b(article: ArticleInput, docs: Any) -> tuple[list[SentenceAnalysis], Any]:
        if article.article_id == "b":
            raise ValueError("day is out of range for month")
        return real(article, docs)

    monkeypatch.setattr(analyse_module, "analyse_sentences", fails_on_b)
    good = "The minister said the plan would work."
    bad = "Exports rose in February, traders said."
    articles = [
        ArticleInput("a", good, tuple(split_sentences(good)), "2020-01-01", None, "Wire"),
        ArticleInput("b", bad, tuple(split_sentences(bad)), "2020-01-01", None, "Wire"),
    ]
    with caplog.at_level("WARNING"):
        first, second = analyser.analyse_serial(articles)
    assert first[0].claimant_explicit and first[0].claimant == "minister"
    assert [(r.claimant, r.claimant_explicit, r.entities) for r in second] == [("Wire", False, ())]
    assert "analysis of b failed" in caplog.text
