"""A question for a part of the year is refused over a sentence naming no part when its
story names other parts only (`periods.story_part`): "In the 1986 quarter, the group's
operating earnings were 5.2 mln dlrs" in a third-quarter story is no answer for the first
quarter. A story naming the asked part anywhere, its title included, may answer it. Real
spaCy model and embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

THIRD_QUARTER = (
    "Title: Kestrel Mining third-quarter profit rises\n"
    "Outlet: Market Ledger\nAuthor: Staff\nDate: 2025-10-19\n\n"
    "Kestrel Mining said its third-quarter net profit rose to 58.2 million dollars as copper "
    "prices climbed.\n\n"
    "In the 1986 quarter, the group's operating earnings were 5.2 million dollars.\n\n"
    "Copper sales rose 10 percent to 112,900 tons.\n"
)

FIRST_QUARTER = (
    "Title: Harlow Foods first quarter results\n"
    "Outlet: Market Ledger\nAuthor: Staff\nDate: 2025-04-20\n\n"
    "Harlow Foods said sales of frozen meals grew in Europe.\n\n"
    "In the quarter, the group's operating earnings were 7.4 million dollars.\n\n"
    "The company expects the fourth quarter to be its strongest.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("parts")
    stories = {"kestrel.txt": THIRD_QUARTER, "harlow.txt": FIRST_QUARTER}
    return assistant_over(root, stories, real_embedder)


def test_another_part_s_story_refuses(assistant: Any) -> None:
    answer = assistant.ask("What were Kestrel Mining's first-quarter operating earnings?")
    assert answer.abstained, answer.answer
    assert "third quarter" in answer.answer, answer.answer


def test_a_story_naming_the_part_in_its_title_answers(assistant: Any) -> None:
    answer = assistant.ask("What were Harlow Foods' first-quarter operating earnings?")
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None and "7.4" in answer.short_answer.text, answer.answer
