""" "What did X say about Y?" shows X's second statement only when it is about Y
(`proof.on_topic`), and "two of the offers" is a count, never the sum a "how much" question
asks for (`amount_units.measure_for_money`). Real spaCy model and embedder over a real index
of stories written for the test."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tests.index_helpers import assistant_over

RESULTS = (
    "Title: Kestrel Foods posts higher profit\n"
    "Outlet: Market Ledger\nAuthor: Staff\nDate: 2025-03-04\n\n"
    "Kestrel Foods reported a higher annual profit on Tuesday as sales of its frozen meals "
    "grew in Europe.\n\n"
    "Finance director Laura Brandt said the company's debt would fall to about 40 percent "
    "of equity by the end of next year.\n\n"
    "Brandt also said the company's frozen meals plant in Leeds had been slower than planned "
    "to reach full output.\n"
)

TALKS = (
    "Title: Talks on Harlow pipeline stall\n"
    "Outlet: Energy Desk\nAuthor: Staff\nDate: 2025-05-12\n\n"
    "Talks between Varnell Energy and the Harlow Pipeline Company stalled on Monday.\n\n"
    "Two of Varnell's offers were identical and were rejected by Harlow, a Harlow "
    "spokesman said.\n\n"
    "Varnell said it would keep talking to the pipeline company.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("topics")
    return assistant_over(root, {"results.txt": RESULTS, "talks.txt": TALKS}, real_embedder)


def test_a_second_statement_about_something_else_is_not_shown(assistant: Any) -> None:
    answer = assistant.ask("What did finance director Laura Brandt say about the debt?")
    quotes = [c.quote for c in answer.citations]
    assert any("40 percent" in q for q in quotes), answer.answer
    assert not any("Leeds" in q for q in quotes), answer.answer
    assert any("Leeds" in c.quote for c in answer.more_citations), answer.answer


def test_without_a_topic_her_best_two_statements_are_shown(assistant: Any) -> None:
    answer = assistant.ask("What did finance director Laura Brandt say?")
    assert len(answer.citations) == 2, answer.answer


def test_a_topic_word_or_an_acronym_keeps_a_statement() -> None:
    from news_rag.rag.answer.proof import on_topic
    from news_rag.rag.question.parse import parse

    intent = parse("What did Jaime Ongpin say about the Asian Development Bank?")

    def statement(quote: str) -> Any:
        return SimpleNamespace(quote=quote)

    assert on_topic(statement("Ongpin said he expects ADB lending to reach 1 bln dlrs."), intent)
    assert on_topic(statement("He said the bank should lend more to companies."), intent)
    assert not on_topic(statement("Ongpin said the peso would stay stable."), intent)


def test_a_count_of_offers_is_no_sum_offered(assistant: Any) -> None:
    answer = assistant.ask("How much did Varnell offer Harlow?")
    shown = answer.short_answer.text if answer.short_answer else ""
    assert "Two" not in shown and "two" not in shown, answer.answer
