"""Periods: the calendar periods a sentence's dates name (stored at index time, real spaCy
model), and the refusal when every answer is about another period than the question's
(real model and index)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.sentences import split_sentences
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.periods import asked_period, only_other_periods, outside_period
from news_rag.rag.question.parse import parse

from tests.index_helpers import assert_refused, index_articles


def _analyse(text: str, published: str | None) -> list[SentenceAnalysis]:
    article = ArticleInput("a1", text, tuple(split_sentences(text)), published)
    return Analyser().analyse([article])[0]


def test_periods_are_read_at_the_publication_date() -> None:
    text = (
        "The jobless rate fell to 2.9 pct in February. "
        "Profit rose 12 pct last year. "
        "Exports in December were 3.1 billion marks. "
        "The mine produced 1,863 tonnes in the first two months of 1986. "
        "Prices were stable."
    )
    february, last_year, december, two_months, none = _analyse(text, "1987-03-31")
    assert february.periods == (("1987-02-01", "1987-02-28"),)
    assert last_year.periods == (("1986-01-01", "1986-12-31"),)
    assert december.periods == (("1986-12-01", "1986-12-31"),)  # the nearest December
    assert two_months.periods == (("1986-01-01", "1986-12-31"),)  # its written year
    assert none.periods == ()


def test_the_date_of_the_saying_is_not_a_period() -> None:
    [record] = _analyse("Net profit was 5 mln dlrs, the company said on Tuesday.", "1987-03-31")
    assert record.event_date == "1987-03-31"  # the event date still reads it
    assert record.periods == ()


def test_a_date_of_the_thing_a_speech_verb_reports_is_a_period() -> None:
    text = "The company today reported a 1986 loss of 1.5 mln dlrs against a 1985 profit."
    [record] = _analyse(text, "1987-03-12")
    assert ("1986-01-01", "1986-12-31") in record.periods  # the loss's year, not the saying's
    assert ("1985-01-01", "1985-12-31") in record.periods
    assert ("1987-03-12", "1987-03-12") not in record.periods  # "today" is the saying's


def test_a_year_written_into_a_word_is_a_period_of_the_sentence_and_the_question() -> None:
    from news_rag.index.language.dates import hyphened_year

    [record] = _analyse("The debt was 20.6 billion dlrs at end-1986, he said.", "1987-03-29")
    assert record.periods == (("1986-01-01", "1986-12-31"),)
    intent = parse("What was China's foreign debt at end-1985?")
    assert (intent.filters.since, intent.filters.until) == ("1985-01-01", "1985-12-31")
    assert hyphened_year("mid-1987") == 1987
    assert hyphened_year("1986-87") is None and hyphened_year("end-86") is None


def test_outside_period_compares_with_the_question() -> None:
    record = SentenceAnalysis(
        0, 0, 10, None, None, False, None, None, None, False, (), None,
        periods=(("1987-02-01", "1987-02-28"),),
    )  # fmt: skip
    march = parse("What was the jobless rate in March 1987?")
    assert asked_period(march) == "March 1987"
    assert outside_period(record, march)
    assert not outside_period(record, parse("What was the jobless rate in 1987?"))
    assert not outside_period(record, parse("What was the jobless rate?"))
    assert not outside_period(replace(record, periods=()), march)  # no date: any period


ARTICLE = (
    "Title: Japan jobless rate steady\nOutlet: Wire Daily\nDate: 1987-03-31\n\n"
    "Japan's unemployment rate fell to 2.9 pct in February from 3.0 pct in January, the "
    "Management and Coordination Agency said on Tuesday.\n\n"
    "The number of unemployed people was 1.7 million.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    from news_rag.rag.assistant import Assistant

    root = tmp_path_factory.mktemp("periods")
    index_dir = index_articles(root, {"jobless.txt": ARTICLE}, real_embedder)
    return Assistant.open(index_dir, embedder=real_embedder)


def test_a_figure_for_another_month_is_refused(assistant: Any) -> None:
    answer = assistant.ask("What was Japan's unemployment rate in March 1987?")
    assert_refused(answer, "March 1987")
    assert not answer.citations


def test_the_figure_for_the_asked_month_is_quoted(assistant: Any) -> None:
    for question in (
        "What was Japan's unemployment rate in February 1987?",
        "What was Japan's unemployment rate in 1987?",
        "What was Japan's unemployment rate?",
    ):
        answer = assistant.ask(question)
        assert not answer.abstained, (question, answer.answer)
        assert any("2.9 pct" in c.quote for c in answer.citations), (question, answer.answer)


def test_a_month_is_the_last_one_before_publication_unless_the_clause_is_future() -> None:
    text = "Exports in February rose 4 pct. The board will meet in February. Sales fell in May."
    past, future, may = _analyse(text, "1988-08-20")
    assert past.periods == (("1988-02-01", "1988-02-29"),)  # a leap February
    assert future.periods == (("1989-02-01", "1989-02-28"),)
    assert may.periods == (("1988-05-01", "1988-05-31"),)


def test_a_sentence_with_no_amount_does_not_save_another_years_amount() -> None:
    text = (
        "The Bank's lending last year consisted of 63 loans totaling 3.04 billion dlrs. "
        "Such a plan would allow the United States to block any loan with the assistance of "
        "only one other country."
    )
    records = _analyse(text, "1987-03-23")
    chosen = [Evidence(cast(Any, None), r, n, 1.0, True, False) for n, r in enumerate(records)]
    asked = parse("How much did the Inter-American Development Bank lend in 1985?")
    assert asked.expected_types[0] == "MONEY"
    assert not outside_period(records[1], asked)  # no date: any period, but no amount lent
    assert only_other_periods(chosen, asked)  # the amount lent is 1986's
    assert not only_other_periods(chosen, parse("How much did the Bank lend in 1986?"))
