"""What an amount is (index/analysis/amounts.py), with the real spaCy model: wire-copy money
and percentages that NER tags as bare numbers become MONEY and PERCENT with their unit."""

from __future__ import annotations

from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.language.units import is_percent, is_scale


def _amounts(text: str) -> list[tuple[str, str]]:
    records = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "1987-03-12")])[0]
    money = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
    return [(e.text, e.label) for r in records for e in r.entities if e.label in money]


def test_money_and_percentages_in_wire_copy_carry_their_unit() -> None:
    text = "The Hearst Corp is buying the Houston Chronicle for 400 mln dlrs, up 10 pct."
    assert _amounts(text) == [("400 mln dlrs", "MONEY"), ("10 pct", "PERCENT")]


def test_a_count_of_things_stays_a_count() -> None:
    text = "The plant employs 19,000 workers and made 5,000 cars."
    found = dict(_amounts(text))
    assert found.get("19,000") == "CARDINAL"


def test_offsets_stay_exact_against_the_text() -> None:
    text = "Chrysler Corp's 1.5 billion dlr bid should help the small automaker's sales."
    records = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "1987-03-12")])[0]
    for record in records:
        for e in record.entities:
            assert text[e.start : e.end] == e.text
    assert ("1.5 billion dlr", "MONEY") in _amounts(text)


def test_scale_and_percent_words() -> None:
    assert is_scale("mln") and is_scale("Billion") and not is_scale("dlrs")
    assert is_percent("pct") and is_percent("%") and not is_percent("points")


def test_a_fiscal_year_is_a_date() -> None:
    from news_rag.index.analysis.amounts import is_split_year

    assert is_split_year("1985/86") and is_split_year("2019/2020")
    assert not is_split_year("3/4") and not is_split_year("1985/87")
    text = "BHP said it would be difficult to equal its record 1985/86 net profit."
    assert ("1985/86", "DATE") not in _amounts(text)  # no longer an amount


def test_ner_mistakes_are_no_values() -> None:
    text = (
        "The drug treats skin found in those over 50, and the deficit widened to an "
        "estimated 4.7 billion baht."
    )
    found = _amounts(text)
    assert ("50", "DATE") not in found and ("50", "CARDINAL") not in found  # an age
    assert all(any(c.isdigit() for c in t) for t, _label in found)  # "an estimated" is none


def test_money_and_shares_without_a_number_are_no_values() -> None:
    text = (
        "The bank intervened in dollar-yen trading and said prices in Swiss francs rose by "
        "as much as 5 pct, costing millions of dollars and 400 mln dlrs."
    )
    found = _amounts(text)
    texts = [t for t, _label in found]
    assert not any("dollar-yen" in t or t == "Swiss francs" for t in texts)  # NER's mistakes
    assert ("millions of dollars", "MONEY") in found  # a scale word is an amount
    assert ("400 mln dlrs", "MONEY") in found


def test_cents_are_money_and_their_word_no_entity_of_its_own() -> None:
    text = "The company said the dividend was raised to 37.5 cts a share from 35 cts."
    found = _amounts(text)
    assert ("37.5 cts", "MONEY") in found and ("35 cts", "MONEY") in found
    records = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "1987-03-12")])[0]
    names = [e.text for r in records for e in r.entities]
    assert "cts" not in names  # NER's ORG "cts" lies inside the amount's unit


def test_money_ner_found_without_its_unit_takes_the_unit_after_it() -> None:
    text = "Turnover slipped to 81.25 billion stg from 83.37 billion, up 165 pct on the year."
    found = _amounts(text)
    assert ("81.25 billion stg", "MONEY") in found
    assert ("165 pct", "PERCENT") in found


def test_a_range_of_amounts_is_one_value_and_a_change_is_two() -> None:
    found = _amounts("Analysts expect a net profit of around 600 mln to 620 mln dlrs.")
    assert found == [("around 600 mln to 620 mln dlrs", "MONEY")]
    assert ("between 39 mln and 43 mln dlrs", "MONEY") in _amounts(
        "It will write off between 39 mln and 43 mln dlrs."
    )
    # a change from one value to another, or a share then a sum: two values
    assert ("5 pct", "PERCENT") in _amounts("Sales rose 5 pct to 120 mln dlrs.")
    assert len(_amounts("Profit rose from 5 to 6 pct.")) == 2


def test_the_currency_sign_ner_leaves_out_is_part_of_the_amount() -> None:
    assert ("$34", "MONEY") in _amounts("Halvorsen will pay $34 a share for Pinecrest.")
    assert ("$2.1 billion", "MONEY") in _amounts("It will buy Pinecrest for $2.1 billion.")


def test_an_amount_ner_left_untagged_is_one() -> None:
    # the small model tags only "at least" (a CARDINAL without a number: no value)
    text = "It said that at least 85 million dollars had been paid for work nobody found."
    assert _amounts(text) == [("85 million dollars", "MONEY")]
    records = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "1987-03-12")])[0]
    assert all(text[e.start : e.end] == e.text for r in records for e in r.entities)
    assert ("19,000", "CARDINAL") in _amounts("The plant employs 19,000 workers.")


def test_a_person_s_age_is_a_number() -> None:
    assert ("58", "CARDINAL") in _amounts("Marcus Webb, 58, was found guilty last month.")
    assert not any(text == "50" for text, _ in _amounts("Those over 50 are at risk."))
    # the surname tagged a place ("Okoye" a GPE) or an organisation ("Ruano" an ORG)
    text = "Okoye, 52, a former teacher, first won the office in 2022 by fewer than 800 votes."
    assert ("52", "CARDINAL") in _amounts(text)
    assert ("26", "CARDINAL") in _amounts("Ruano, 26, scored 19 goals last season.")


def test_a_count_ner_left_untagged_is_one() -> None:
    # the small model tags nothing of "about 900 employees" (nor "About 900 firefighters")
    found = _amounts("Kelvio, based in Austin, Texas, has about 900 employees.")
    assert ("about 900", "CARDINAL") in found
    assert ("About 900", "CARDINAL") in _amounts("About 900 firefighters fought the fire.")


def test_a_year_before_a_noun_is_no_count() -> None:
    found = _amounts("The 1987 elections were held in March.")
    assert all(text != "1987" for text, _label in found)


def test_a_currency_named_with_its_country_is_money() -> None:
    found = _amounts("Exporters want to keep last year's 32 U.S. Dlrs a tonne price.")
    assert ("32 U.S. Dlrs", "MONEY") in found
    found = _amounts("The bank raised 500 mln Hong Kong dlrs from investors.")
    assert ("500 mln Hong Kong dlrs", "MONEY") in found
    assert ("40", "CARDINAL") in _amounts("They hired 40 New York lawyers last year.")
