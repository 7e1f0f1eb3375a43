"""A month named without a year ("How much did orders rise in September?"): no search
filter, but a period the answer's sentences may contradict ("orders placed in August"), as
a dated one is (rag/question/dates.bare_month, rag/answer/periods.py). Real spaCy model and
embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.rag.answer.periods import asked_period, in_month
from news_rag.rag.question.parse import parse

from tests.index_helpers import assert_said_first, assistant_over

ORDERS = (
    "Title: Import orders rise in August\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-19\n\n"
    "Orders for non-fuel imports placed in August rose a seasonally adjusted 14.9 pct, "
    "compared with a 1.0 pct rise in July, the Statistics Department said.\n\n"
    "The monthly survey covers about 40 pct of total merchandise imports on average.\n"
)


def test_a_month_without_a_year_is_asked_of_any_year() -> None:
    september = parse("How much did non-fuel import orders rise in September?")
    assert september.filters.month == 9
    assert (september.filters.since, september.filters.until) == (None, None)
    assert asked_period(september) == "September"
    assert parse("What was the deficit last month?").filters.month is None  # relative
    weekly = parse("How much did M-1 fall in the week ended June 3?")
    assert (weekly.filters.month, weekly.filters.day) == (6, 3)
    assert asked_period(weekly) == "June 3"
    assert parse("What happened on Tuesday?").filters.month is None
    dated = parse("How much did exports rise in March 1987?").filters
    assert dated.month is None and dated.since == "1987-03-01"


def test_another_single_month_or_a_whole_year_contradicts_it() -> None:
    august, year = ("1987-08-01", "1987-08-31"), ("1987-01-01", "1987-12-31")
    assert in_month([august], 9) is False
    assert in_month([august], 8) is True
    assert in_month([year], 9, years=frozenset({"1987"})) is False  # a year's figure
    assert in_month([year], 9) is None  # a year named for another thing ("base 1980")
    assert in_month([("1987-01-01", "1987-03-31")], 9) is None  # a quarter: cannot say
    assert in_month([august], None) is None
    june_10, june = ("1987-06-10", "1987-06-10"), ("1987-06-01", "1987-06-30")
    assert in_month([june_10], 6, 3) is False and in_month([june_10], 6, 10) is True
    assert in_month([june], 6, 3) is None  # June may hold June 3
    assert in_month([august], 6, 3) is False


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("months"), {"orders.txt": ORDERS}, real_embedder)


def test_another_month_s_figure_is_refused_and_the_asked_month_s_said(assistant: Any) -> None:
    refused = assistant.ask("How much did non-fuel import orders rise in September?")
    assert refused.abstained and "September" in refused.answer
    assert_said_first(
        assistant.ask("How much did non-fuel import orders rise in August?"), "14.9 pct"
    )
