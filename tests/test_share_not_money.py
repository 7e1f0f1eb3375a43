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


def test_money_per_unit_is_a_rate() -> None:
    """ "the current annual rate of 1.92 dlrs per share" answers "What is its dividend
    rate?": money per a unit is a rate itself, not a sum."""
    from news_rag.rag.answer.amount_units import money_for_share
    from news_rag.rag.question.parse import parse

    text = "It will keep paying its dividend at the current annual rate of 1.92 dlrs per share."
    at = text.index("1.92")
    rate = Entity("1.92 dlrs", "MONEY", at, at + 9, ("rate", "pay"), "pobj:of")
    asked = parse("What is Pacific Gas's annual common stock dividend rate?")
    assert not money_for_share(rate, asked, text)
    assert money_for_share(rate, asked)  # without the words after it: a sum


def test_a_count_of_things_is_no_share() -> None:
    from news_rag.rag.answer.amount_units import count_for_share
    from news_rag.rag.question.parse import parse

    text = "Okoye first won the office in 2022 by fewer than 800 votes, taking 54 percent."
    votes = Entity("fewer than 800", "CARDINAL", 38, 52, ("vote", "win"), "nummod")
    percent = Entity("54 percent", "PERCENT", 66, 76, ("take",), "dobj")
    share = parse("What share of the vote did Samuel Okoye win?")
    assert count_for_share(votes, share, text)
    assert not count_for_share(percent, share, text)
    # a question counting things asks for the count
    assert not count_for_share(votes, parse("How many votes did Samuel Okoye win?"), text)


def test_a_persons_age_in_apposition_answers_only_how_old() -> None:
    from news_rag.rag.answer.time_kinds import age_in_apposition, age_not_asked
    from news_rag.rag.question.parse import parse

    text = "Okoye, 52, a former teacher, won 1,200 votes, 52, in all."
    person = Entity("Okoye", "PERSON", 0, 5, ("win",), "nsubj")
    age = Entity("52", "CARDINAL", 7, 9, ("win",), "appos")
    later = Entity("52", "CARDINAL", 46, 48, ("vote",), "appos")
    entities = (person, age, later)
    assert text[age.start : age.end] == "52" and text[later.start : later.end] == "52"
    assert age_in_apposition(age, entities, text)
    assert not age_in_apposition(later, entities, text)  # after no person's name
    assert age_not_asked(age, entities, text, parse("What share of the vote did Okoye win?"))
    assert not age_not_asked(age, entities, text, parse("How old is Okoye?"))


def test_a_count_of_shares_answers_how_many_shares() -> None:
    from news_rag.rag.answer.amount_units import count_for_share
    from news_rag.rag.question.parse import parse

    text = "Halcyon raised its Purolator stake to 726,700 shares, or 9.5 pct, from 474,900."
    held = Entity("726,700", "CARDINAL", 38, 45, ("share", "raise"), "nummod")
    assert text[held.start : held.end] == "726,700"
    assert not count_for_share(held, parse("How many Purolator shares does Halcyon hold?"), text)
    assert count_for_share(held, parse("What share of Purolator does Halcyon hold?"), text)
