"""What a business has is not what was paid for it: "with assets of three billion dlrs"
answers no "How much did Harbor Pacific pay for Cascade Bancorp?" (`amount_nouns.
size_for_price`), while the price paid ("for about 52 mln dlrs") still answers, and so
does a question naming the size itself. Nor is a profit a loss (`amount_nouns.
opposite_amount`): "reported a profit of 365,000 dlrs" answers no "How much did Brannock
lose?". Real spaCy model and embedder over a real index of
a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.index.language.entities import Entity

from tests.index_helpers import assert_said_first, assistant_over

BANKS = (
    "Title: Harbor Pacific completes Orland purchase\n"
    "Outlet: Western Banking Wire\nAuthor: Staff\nDate: 2026-03-12\n\n"
    "Harbor Pacific Corp said it completed its purchase of Orland Financial Corp for about "
    "52 mln dlrs in cash and common stock.\n\n"
    "Harbor Pacific bought Desert Bank, with assets of three billion dlrs, in the fourth "
    "quarter of 2025.\n\n"
    "Pending approval is the purchase of Cascade Bancorp, with assets of 8.1 billion dlrs.\n"
)

RUBBER = (
    "Title: Brannock sees first quarter loss\n"
    "Outlet: Midwest Business Wire\nAuthor: Staff\nDate: 2026-04-08\n\n"
    "Brannock Corp's first quarter operating results will show a loss, chairman Lloyd Miller "
    "told the annual meeting.\n\n"
    "The company reported a profit of 365,000 dlrs for the first quarter last year, a "
    "spokesman said.\n\n"
    "Miller blamed the costly move of its rubber division to a new plant.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"banks.txt": BANKS, "rubber.txt": RUBBER}
    return assistant_over(tmp_path_factory.mktemp("banks"), stories, real_embedder)


def test_assets_are_no_price_paid(assistant: Any) -> None:
    answer = assistant.ask("How much did Harbor Pacific pay for Cascade Bancorp?")
    assert answer.abstained or answer.short_answer is None, answer.answer


def test_the_price_paid_answers(assistant: Any) -> None:
    answer = assistant.ask("How much did Harbor Pacific pay for Orland Financial?")
    assert_said_first(answer, "52 mln dlrs")


def test_size_for_price_reads_the_question_s_verb_and_nouns() -> None:
    from news_rag.rag.answer.amount_nouns import size_for_price
    from news_rag.rag.question.parse import parse

    assets = Entity("three billion dlrs", "MONEY", 40, 58, ("asset", "buy"), "pobj:of")
    price = Entity("about 52 mln dlrs", "MONEY", 0, 17, ("purchase", "complete"), "pobj:for")
    paid = parse("How much did Harbor Pacific pay for Desert Bank?")
    assert size_for_price(assets, paid)
    assert not size_for_price(price, paid)
    assert not size_for_price(assets, parse("What were Desert Bank's assets?"))
    assert not size_for_price(
        assets, parse("How much did Harbor Pacific pay for Desert Bank's assets?")
    )


def test_a_profit_is_no_loss(assistant: Any) -> None:
    answer = assistant.ask("How much did Brannock lose in the first quarter?")
    short = answer.short_answer.text if answer.short_answer else ""
    assert answer.abstained or "365,000" not in short, answer.answer
    assert_said_first(
        assistant.ask("What profit did Brannock report for last year's first quarter?"), "365,000"
    )
