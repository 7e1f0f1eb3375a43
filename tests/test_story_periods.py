"""An undated value in a story that names other periods only is no answer for the asked
period (`periods.story_outside_period`): "Harbor ... reported net income of 104.8 mln dlrs"
in a March 1987 story naming 1987 and 1988 does not answer "What was Harbor Bancorp's net
income in 1985?". Real spaCy model and embedder over a real index of stories written for
the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

MERGER = (
    "Title: Fleet to merge with Harbor Bancorp\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-03-18\n\n"
    "Fleet Financial Group said it agreed to merge with Harbor Bancorp in a share swap.\n\n"
    "Harbor, an Albany holding company, reported net income of 104.8 mln dlrs and assets "
    "of 11.1 billion dlrs.\n\n"
    "The merger is expected to be completed in early 1988, Fleet said.\n"
)
FOUNDED = (
    "Title: Ridge Savings to buy branches\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-03-18\n\n"
    "Ridge Savings, which was founded in 1985, said it agreed to buy four branches.\n\n"
    "Ridge reported net income of 12.3 mln dlrs and assets of 1.1 billion dlrs.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"merger.txt": MERGER, "founded.txt": FOUNDED}
    return assistant_over(tmp_path_factory.mktemp("periods"), stories, real_embedder)


def test_a_story_naming_other_periods_only_refuses(assistant: Any) -> None:
    answer = assistant.ask("What was Harbor Bancorp's net income in 1985?")
    assert answer.abstained, answer.answer
    assert "1985" in answer.answer


def test_the_value_without_a_period_is_answered(assistant: Any) -> None:
    answer = assistant.ask("What was Harbor Bancorp's net income?")
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None and "104.8" in answer.short_answer.text


def test_a_story_naming_the_period_somewhere_may_be_about_it(assistant: Any) -> None:
    answer = assistant.ask("What was Ridge Savings' net income in 1985?")
    assert not answer.abstained, answer.answer
