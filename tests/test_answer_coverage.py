"""Topic coverage: a sentence from an article that never names what the question names is
ranked below one from an article that does (`rag/answer/coverage.py`, real model and index
for the ranking; plain articles for the word rules)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from news_rag.index.types import Article
from news_rag.rag.answer.corpus import CorpusTables
from news_rag.rag.answer.coverage import name_forms, names_covered
from news_rag.rag.settings import AnswerSettings, Settings

from tests.index_helpers import index_articles


def _article(text: str, title: str | None = None) -> Article:
    return Article(id="a", text=text, source_path="a.txt", content_hash="h", title=title)


NO_TABLES = CorpusTables(acronyms={}, spellings={})


def _covered(article: Article, names: list[str], corpus: CorpusTables = NO_TABLES) -> int:
    return names_covered(article, [name_forms(name, corpus) for name in names])


def test_a_name_is_covered_when_all_its_words_are_in_the_article() -> None:
    article = _article("Bank Negara bought a stake in Perwira Habib Bank.")
    assert _covered(article, ["Bank Negara", "Perwira Habib Bank"]) == 2
    assert _covered(article, ["Bank of England"]) == 0


def test_the_title_counts_and_demonyms_match_their_country() -> None:
    article = _article("The Syrian army advanced.", title="Clashes near Deir Ezzor")
    assert _covered(article, ["Syria", "Deir Ezzor"]) == 2
    assert _covered(article, ["Iraq"]) == 0


def test_learned_acronyms_and_spellings_cover_a_name() -> None:
    article = _article("Millipore paid the Environmental Protection Agency. Albukamal fell.")
    corpus = CorpusTables(
        acronyms={"EPA": ["Environmental Protection Agency"]},
        spellings={"albukamal": {"al-Bukamal", "Albukamal"}},
    )
    assert _covered(article, ["EPA", "al-Bukamal"], corpus) == 2
    assert _covered(article, ["EPA", "al-Bukamal"]) == 0


ARTICLES = {
    "halden.txt": (
        "Title: Halden Foods reports its results\n"
        "Outlet: Nordic Business Wire\nDate: 2024-02-14\n\n"
        "Halden Foods, the Norwegian food group, published its annual accounts on Tuesday.\n\n"
        "The group said its pre-tax profit rose to 1.4 billion crowns last year from "
        "1.1 billion crowns.\n"
    ),
    "norvik.txt": (
        "Title: Shipping group lifts its results\n"
        "Outlet: Nordic Business Wire\nDate: 2024-02-15\n\n"
        "Norvik Shipping's pre-tax profit rose to 2.3 billion crowns in 2023, the company "
        "said.\n\n"
        "Freight rates stayed high for most of the year.\n"
    ),
}
QUESTION = "How much did Halden Foods' pre-tax profit rise to in 2023?"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return index_articles(tmp_path_factory.mktemp("coverage"), ARTICLES, real_embedder)


def _first_quote(index_dir: Any, embedder: Any, penalty: float) -> str:
    from news_rag.rag.assistant import Assistant

    settings = replace(Settings(), answer=AnswerSettings(off_topic_penalty=penalty))
    answer = Assistant.open(index_dir, settings, embedder=embedder).ask(QUESTION)
    assert answer.citations, answer.answer
    return answer.citations[0].quote


def test_the_article_naming_the_company_is_quoted_first(index_dir: Any, real_embedder: Any) -> None:
    assert "1.4 billion crowns" in _first_quote(index_dir, real_embedder, 0.2)


def test_without_the_penalty_the_rival_company_still_comes_second(
    index_dir: Any, real_embedder: Any
) -> None:
    """The other company's sentence matches the question's words better (without the
    penalty it was quoted first until session 11); it names another company where the
    question names Halden Foods, so a close sentence naming none comes first
    (`alignment.names_rival` in `span_preference.prefer_span`)."""
    assert "1.4 billion crowns" in _first_quote(index_dir, real_embedder, 0.0)
