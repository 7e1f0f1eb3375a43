"""A sentence that names the asked-for thing without its value is completed by its
neighbour only when the neighbour's value is not another noun's: "The company also recorded
a gain of 21.3 mln dlrs" does not complete "net earnings nearly tripled"
(`completion._of_another_noun`). Real spaCy model and embedder over a real index of a story
written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

EARNINGS = (
    "Title: Copperfield net rises on copper strength\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-19\n\n"
    "Copperfield Mining Corp said net earnings nearly tripled in the third quarter on "
    "sharply higher copper prices and increased sales.\n\n"
    "The company also recorded a gain of 21.3 mln dlrs from a tax loss carryforward.\n\n"
    "Copper prices averaged 78 cents a pound, up from 59 cents in the year-ago quarter.\n\n"
    "Net earnings rose to 58.2 mln dlrs or 1.77 dlrs a share from 19.4 mln dlrs.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"earnings.txt": EARNINGS}
    return assistant_over(tmp_path_factory.mktemp("completion"), stories, real_embedder)


def test_another_noun_s_value_does_not_complete_the_asked_one(assistant: Any) -> None:
    answer = assistant.ask("What were Copperfield's third-quarter net earnings?")
    assert not answer.abstained, answer.answer
    assert "58.2 mln dlrs" in answer.answer
    assert not (answer.short_answer and "21.3" in answer.short_answer.text), answer.answer
