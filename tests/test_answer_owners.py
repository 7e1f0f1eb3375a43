"""Whose value a sentence gives (`rag/answer/owners.py`): the question's named subject or
possessor against the names the sentence's amounts hang from, both parsed by the real spaCy
model."""

from __future__ import annotations

from dataclasses import replace

from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.rag.answer.owners import owner_contradictions
from news_rag.rag.question.parse import parse


def _sentence(text: str) -> SentenceAnalysis:
    [record] = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "1987-03-12")])[0]
    return record


def _owners(question: str, sentence: str, *types: str) -> list[tuple[str, str, bool]]:
    intent = parse(question)
    if types:  # what the engine learns from the corpus (`learned_types`): coupon -> PERCENT
        intent = replace(intent, expected_types=types)
    forms = [(a.text,) for a in intent.slots.arguments]
    found = owner_contradictions(_sentence(sentence), intent, forms)
    return [(c.found, c.asked, c.decisive) for c in found]


UNILEVER = "How much did Unilever agree to pay for Chesebrough-Ponds?"


def test_another_subjects_amount_contradicts_the_questions_subject() -> None:
    sentence = (
        "American Brands failed late last year in its 2.9 billion dlrs bid for "
        "Chesebrough-Ponds Inc when Unilever N.V. agreed to buy the company."
    )
    assert _owners(UNILEVER, sentence) == [("American Brands", "Unilever", True)]


def test_the_questions_own_amount_is_no_contradiction() -> None:
    sentence = "Unilever agreed to pay 3.1 billion dlrs for Chesebrough-Ponds Inc."
    assert _owners(UNILEVER, sentence) == []


def test_another_issuers_coupon_contradicts_the_questions_possessor() -> None:
    question = "What coupon did Rockwell International's offering of notes carry?"
    sentence = "Holiday Inns is also offering 500 mln dlrs of debentures with an 11 pct coupon."
    found = _owners(question, sentence, "PERCENT")
    assert found == [("Holiday Inns", "Rockwell International's", True)]


def test_an_amount_with_no_named_owner_is_no_contradiction() -> None:
    question = "What was Norstar Bancorp's net income in 1986?"
    assert _owners(question, "The holding company reported net income of 104.8 mln dlrs.") == []


def test_the_one_who_says_it_owns_nothing() -> None:
    question = "How much did Redland's profits rise?"
    assert _owners(question, "Profits rose 12 mln stg, Bowater Industries said.") == []


def test_the_one_who_reports_its_own_figure_owns_it() -> None:
    # the value is the object of the company's own report: SkyBridge's profit, not Coastal's
    question = "What was Coastal Air's first-quarter profit?"
    sentence = "SkyBridge Airlines reported a first-quarter net profit of $312 million on Thursday."
    assert _owners(question, sentence) == [("SkyBridge Airlines", "Coastal Air's", True)]
    mine = "Coastal Air reported a first-quarter net profit of $312 million on Thursday."
    assert _owners(question, mine) == []


def test_only_amounts_have_owners() -> None:
    question = "Near which airbase did the SAA liberate the Tafaha hills?"
    sentence = "ISIS fighters liberated the hills near the Tiyas Airbase."
    assert _owners(question, sentence) == []


def test_a_word_without_a_capital_owns_nothing() -> None:
    # spaCy tags "870p" a product and the subject of "rose": a price, not a rival company
    question = "How much did Saatchi and Saatchi's profits rise in the current year?"
    sentence = (
        "Saatchi and Saatchi shares rose one pence on the Cleveland announcement to 885p "
        "after yesterday's 870p close."
    )
    assert _owners(question, sentence, "MONEY") == []
