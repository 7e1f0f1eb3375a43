"""Descriptions of a state's bodies ("the government", "the army") with the real spaCy
model: resolved only to an earlier name that holds the noun, never to the last company."""

from __future__ import annotations

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.sentences import split_sentences


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def _claimant(analyser: Analyser, text: str, words: str) -> SentenceAnalysis:
    article = ArticleInput("a1", text, tuple(split_sentences(text)), "1987-03-02", None, "Wire")
    records = analyser.analyse([article])[0]
    return next(r for r in records if words in text[r.start : r.end])


def test_the_government_is_not_the_last_company_named(analyser: Analyser) -> None:
    text = (
        "The World Bank will lead a group of donors, the finance minister said. "
        "The government has said the land reform plan aims to distribute 9.7 mln hectares."
    )
    record = _claimant(analyser, text, "land reform")
    assert record.claimant is not None
    assert "world bank" not in record.claimant.lower()
    assert "government" in record.claimant.lower()


def test_the_army_resolves_to_a_name_holding_the_noun(analyser: Analyser) -> None:
    text = (
        "The Syrian Arab Army advanced along the river on Monday. "
        "Acme Corp said its plant was closed. "
        "The army said 30 fighters were killed."
    )
    record = _claimant(analyser, text, "30 fighters")
    assert record.claimant is not None
    assert "Syrian Arab Army" in record.claimant


def test_the_company_still_resolves_to_the_last_company(analyser: Analyser) -> None:
    text = "Acme Corp reported higher profits on Tuesday. The company said sales rose 5 pct."
    record = _claimant(analyser, text, "sales rose")
    assert record.claimant is not None
    assert "Acme" in record.claimant
