"""A count of things is no sum of money, and a measure written into a noun is that noun's
size (`amount_units.measure_for_money`, `amount_units.size_of_other_thing`): "Two men who
stole watches worth 1.2 million pounds" does not answer "How much were the watches worth?"
with "Two", nor "The 190-metre vessel was carrying 31,000 tonnes of grain" "How much grain
...?" with "190-metre". Real spaCy question parse; the entities as the analysis stores them."""

from __future__ import annotations

from news_rag.index.language.entities import Entity


def test_a_number_modifying_the_noun_it_counts_is_no_money() -> None:
    from news_rag.rag.answer.amount_units import measure_for_money
    from news_rag.rag.question.parse import parse

    worth = parse("How much were the stolen watches worth?")
    men = "Two men who stole watches were jailed."
    assert measure_for_money(Entity("Two", "CARDINAL", 0, 3, ("man", "jail"), "nummod"), worth, men)
    trains = "The contract is worth a lot, and the company will introduce 60 new trains."
    sixty = Entity("60", "CARDINAL", 60, 62, ("train", "introduce"), "nummod")
    assert trains[sixty.start : sixty.end] == "60"
    assert measure_for_money(sixty, worth, trains)


def test_a_sum_in_an_unlisted_currency_or_in_cents_stays_money() -> None:
    from news_rag.rag.answer.amount_units import measure_for_money
    from news_rag.rag.question.parse import parse

    profit = parse("How much pre-tax profit did it make in 1986?")
    intis = "It earned about 44.6 mln intis in pre-tax profits."
    sum_ = Entity("about 44.6", "CARDINAL", 10, 20, ("intis", "earn"), "nummod")
    assert intis[sum_.start : sum_.end] == "about 44.6"
    assert not measure_for_money(sum_, profit, intis)
    cents = "The dividend is 50 cents."
    fifty = Entity("50", "CARDINAL", 16, 18, ("cent", "be"), "nummod")
    assert not measure_for_money(fifty, parse("How much is the dividend?"), cents)


def test_a_measure_written_into_another_noun_is_its_size() -> None:
    from news_rag.rag.answer.amount_units import size_of_other_thing
    from news_rag.rag.question.parse import parse

    text = "The 190-metre vessel was carrying 31,000 tonnes of grain."
    length = Entity("190-metre", "QUANTITY", 4, 13, ("vessel", "carry"), "compound")
    load = Entity("31,000 tonnes", "QUANTITY", 34, 47, ("carry",), "dobj")
    grain = parse("How much grain was the Nordic Star carrying?")
    assert size_of_other_thing(length, grain, text)
    assert not size_of_other_thing(load, grain, text)
    # a question about the vessel's own size may be answered by it
    assert not size_of_other_thing(length, parse("How long is the vessel?"), text)
    assert not size_of_other_thing(length, parse("What is the capacity of the vessels?"), text)
