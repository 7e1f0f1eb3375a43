"""A sum of money never answers a question for a share or a rate the word lists type as no
sum (`amount_units.money_for_share`): "What yield did the notes carry?" is not answered by
"200 mln dlrs", the offering's size. Real spaCy question parse."""

from __future__ import annotations

from news_rag.index.language.entities import Entity


def test_a_sum_of_money_is_no_yield_nor_growth() -> None:
    from news_rag.rag.answer.amount_units import money_for_share
    from news_rag.rag.question.parse import parse

    size = Entity("200 mln dlrs", "MONEY", 10, 22, ("offering",), "pobj:of")
    share = Entity("8.7 pct", "PERCENT", 30, 37, ("yield",), "dobj")
    yield_asked = parse("What yield did Rockwell's offering of 10-year notes carry?")
    assert money_for_share(size, yield_asked)
    assert not money_for_share(share, yield_asked)
    growth = parse("What was Ireland's economic growth in 1986?")
    assert money_for_share(size, growth)


def test_a_question_naming_a_currency_or_a_sum_is_not_refused_its_money() -> None:
    from news_rag.rag.answer.amount_units import money_for_share
    from news_rag.rag.question.parse import parse

    size = Entity("145 yen", "MONEY", 0, 7, ("rate",), "pobj:at")
    assert not money_for_share(size, parse("What was the dollar's rate against the yen?"))
    stake = Entity("300 mln dlrs", "MONEY", 0, 12, ("stake",), "dobj")
    assert not money_for_share(stake, parse("How large a stake did Philips take?"))
