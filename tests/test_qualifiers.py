"""The word before the asked noun says which amount is asked (`qualifiers`): "operating
earnings" is no answer to "net earnings", "the final payment" none to "the initial
payment". And "from 19.4 million dollars a year earlier" dates the figure compared with,
not the figure asked for (`time_kinds.comparison_date`): no refusal for "only the year".
Real spaCy question parse, and a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

RESULTS = (
    "Title: Harrow Mining profit triples\n"
    "Outlet: Metals Wire\nAuthor: Staff\nDate: 2026-10-19\n\n"
    "Harrow Mining Corp said its third-quarter profit nearly tripled on higher copper "
    "prices.\n\n"
    "In the third quarter, the group's operating earnings were 71.4 million dollars.\n\n"
    "Its net earnings for the quarter rose to 58.2 million dollars from 19.4 million "
    "dollars a year earlier.\n"
)


def test_the_asked_qualifier_and_another_one() -> None:
    from news_rag.rag.answer.qualifiers import asked_qualifier, other_qualifier
    from news_rag.rag.question.parse import parse

    net = parse("What were Harrow Mining's third-quarter net earnings?")
    assert asked_qualifier(net) == "net"
    assert other_qualifier("the group's operating earnings were 71.4 million dollars", net)
    assert not other_qualifier("Net earnings rose to 58.2 million dollars", net)
    assert not other_qualifier("Earnings rose to 58.2 million dollars", net)  # no qualifier
    bare = parse("What were Harrow Mining's quarterly earnings?")  # a word of time
    assert asked_qualifier(bare) is None


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("qualifiers"), {"r.txt": RESULTS}, real_embedder)


def test_net_earnings_are_answered_not_operating_earnings(assistant: Any) -> None:
    answer = assistant.ask("What were Harrow Mining's third-quarter net earnings?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text.startswith("58.2 million"), answer.answer
