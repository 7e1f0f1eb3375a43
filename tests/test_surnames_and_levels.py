"""The answer found on P46 (Reuters-21578 stories outside every subset before): a surname
the small model tagged an organisation is the story's person when no organisation of
several words has it ("Groussman said" beside "president Dean Groussman":
`story_names.as_person`), so "the company" in his sentence is the company; a product named
below the asked noun ("the price of its Chrysler Fifth Avenue luxury sedan") is the
question's, whoever set the price (`owners._in_asked_place`); "by how much" asks for the
change, not the level (`amount_changes.change_for_level`); "Where did the index close?"
asks for a level (`question.reading`), and an index is a number (`noun_types.tsv`); the
possessor of the subject of the question's verb owns the amount, and a story that never
names it gives another's (`absent_places.amount_owner`). From P47: a hyphenated word of a
kind qualifies its noun ("pre-tax profit" is not the withheld "net profit":
`qualifiers`); a withheld object ends at its clause ("did not disclose reasons, a Norbras
official said") and withholds no price; "He did not say when he thought the market would
stabilize" refuses "When does Somoza think ...?" (`withheld._withheld_when`); "this year"
is the story's year beside a value ("this year of 103 mln dlrs" is no figure for the next:
`value_dates.relative_year`), and "the previous year's record" beside 1986 is 1985's
(`periods._years_before`); an amount the question gives as a condition ("a ten dlr a
barrel import fee") that the story writes with another number only is another condition's
(`asked_rates`). Real spaCy
model and embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import analysed, assert_refused, assert_said_first, assistant_over

RETAILER = (
    "Title: Marlow Tire hopes to solve dispute\n"
    "Outlet: Business Desk\nAuthor: Staff\nDate: 2026-06-29\n\n"
    "Marlow Tire Corp Ltd said it still hopes a board committee can solve a voting rights "
    "dispute.\n\n"
    "At the meeting, president Dean Groussman said the higher profit trend was continuing."
    "\n\nGroussman also said the company plans sharply higher capital spending this year of "
    "103 mln dlrs, compared to 43 mln dlrs last year.\n"
)
CARS = (
    "Title: Carwell raises price of luxury sedan\n"
    "Outlet: Autos Desk\nAuthor: Staff\nDate: 2026-03-13\n\n"
    "Carwell Corp's Carwell Motors unit said it increased the price of its Carwell Regent "
    "luxury sedan by 300 dlrs to 15,966 dlrs.\n"
)
MARKETS = (
    "Title: Seoul acts to cool stock market\n"
    "Outlet: Markets Desk\nAuthor: Staff\nDate: 2026-04-03\n\n"
    "The composite index, a weighted average of 355 listed firms, closed at 398.72 "
    "yesterday.\n\n"
    "Spain's imports are expected to increase by 8.6 pct against an originally estimated "
    "7.1 pct.\n"
)

CHEMICALS = (
    "Title: Halvard confident of good 1987 results\n"
    "Outlet: Business Desk\nAuthor: Staff\nDate: 2026-04-02\n\n"
    "Halvard said world group pre-tax profit rose to 3.30 billion marks in 1986, exceeding "
    "the previous year's record of 3.15 billion.\n\n"
    "The company gave no net profit figures or any indication of the likely dividend.\n\n"
    "Norbras has cancelled a 40 mln dlr crude oil purchase from Qatar after the Qataris "
    "refused to accept credit guarantees and did not disclose reasons, a Norbras official "
    "said.\n"
)
FEES = (
    "Title: Import fee would cost consumers billions\n"
    "Outlet: Energy Desk\nAuthor: Staff\nDate: 2026-04-29\n\n"
    "The study found a five dlr a barrel import fee would have a net cost to the economy of "
    "3.6 billion dlrs a year.\n"
)
EXCHANGE = (
    "Title: Stock exchange head sees no crisis\n"
    "Outlet: Markets Desk\nAuthor: Staff\nDate: 2026-10-20\n\n"
    "The market fell a record 52,671.56 points on Monday, the president of the exchange, "
    "Manuel Somoza, said.\n\n"
    "He did not say when he thought the market would stabilize.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {
        "retailer.txt": RETAILER, "cars.txt": CARS, "markets.txt": MARKETS,
        "chemicals.txt": CHEMICALS, "exchange.txt": EXCHANGE, "fees.txt": FEES,
    }  # fmt: skip
    return assistant_over(tmp_path_factory.mktemp("surnames"), stories, real_embedder)


def test_a_surname_tagged_an_organisation_is_the_story_s_person() -> None:
    records = analysed(RETAILER.split("\n\n", 1)[1])
    labels = {e.text: e.label for record in records for e in record.entities}
    assert labels.get("Groussman") == "PERSON", labels


def test_a_company_named_by_a_founder_s_name_stays_a_company() -> None:
    text = (
        "Henry Ford founded the carmaker. Ford Motor Co said sales rose. "
        "Ford said it would hire more workers."
    )
    records = analysed(text)
    fords = [e.label for record in records for e in record.entities if e.text == "Ford"]
    assert "PERSON" not in fords, fords


def test_the_company_s_spending_its_president_tells_answers(assistant: Any) -> None:
    answer = assistant.ask("How much capital spending does Marlow Tire plan this year?")
    assert_said_first(answer, "103 mln dlrs")


def test_a_product_named_below_the_asked_noun_is_the_question_s(assistant: Any) -> None:
    answer = assistant.ask("What is the new price of the Carwell Regent?")
    assert_said_first(answer, "15,966 dlrs")


def test_by_how_much_asks_for_the_change(assistant: Any) -> None:
    answer = assistant.ask("By how much did Carwell raise the price of the Regent?")
    assert_said_first(answer, "300 dlrs")


def test_where_an_index_closed_is_a_level() -> None:
    from news_rag.rag.question.parse import parse

    intent = parse("Where did the composite index close yesterday?")
    assert intent.expected_types[:1] == ("CARDINAL",)
    assert parse("Where is the company's laboratory?").expected_types[:1] == ("GPE",)


def test_the_index_s_close_answers(assistant: Any) -> None:
    answer = assistant.ask("Where did the composite index close yesterday?")
    assert_said_first(answer, "398.72")


def test_another_country_s_imports_are_refused(assistant: Any) -> None:
    answer = assistant.ask("How much are Portugal's imports expected to increase?")
    assert_refused(answer, "Portugal")


def test_the_country_s_own_imports_answer(assistant: Any) -> None:
    answer = assistant.ask("How much are Spain's imports expected to increase?")
    assert_said_first(answer, "8.6 pct")


def test_a_withheld_net_profit_is_no_withheld_pre_tax_profit(assistant: Any) -> None:
    answer = assistant.ask("What was Halvard's world group pre-tax profit in 1986?")
    assert_said_first(answer, "3.30 billion marks")


def test_the_withheld_net_profit_refuses(assistant: Any) -> None:
    answer = assistant.ask("What was Halvard's net profit in 1986?")
    assert_refused(answer, "withheld")


def test_withheld_reasons_are_no_withheld_price(assistant: Any) -> None:
    answer = assistant.ask("How much was Norbras' cancelled crude oil purchase from Qatar worth?")
    assert_said_first(answer, "40 mln dlr")


def test_a_date_not_told_refuses_when(assistant: Any) -> None:
    answer = assistant.ask("When does Somoza think the market will stabilize?")
    assert_refused(answer, "withheld")


def test_the_told_date_answers_when(assistant: Any) -> None:
    answer = assistant.ask("When did the market fall 52,671.56 points?")
    assert not answer.abstained, answer.answer


def test_this_year_s_figure_is_no_other_year_s(assistant: Any) -> None:
    answer = assistant.ask("How much capital spending does Marlow Tire plan in 2027?")
    assert_refused(answer, "for 2027")


def test_this_year_s_figure_answers_for_the_story_s_year(assistant: Any) -> None:
    answer = assistant.ask("How much capital spending does Marlow Tire plan in 2026?")
    assert_said_first(answer, "103 mln dlrs")


def test_the_previous_year_s_figure_answers_for_that_year(assistant: Any) -> None:
    answer = assistant.ask("What was Halvard's world group pre-tax profit in 1985?")
    assert_said_first(answer, "3.15 billion")


def test_a_year_neither_named_nor_compared_is_refused(assistant: Any) -> None:
    answer = assistant.ask("What was Halvard's world group pre-tax profit in 1984?")
    assert_refused(answer, "for 1984")


def test_another_amount_of_the_condition_is_refused(assistant: Any) -> None:
    answer = assistant.ask("What net cost to the economy would a ten dlr a barrel import fee have?")
    assert_refused(answer, "only for five dlr a barrel import")


def test_the_condition_s_own_amount_answers(assistant: Any) -> None:
    answer = assistant.ask(
        "What net cost to the economy would a five dlr a barrel import fee have?"
    )
    assert_said_first(answer, "3.6 billion dlrs")
