""" "Which N?" asks which one: an amount hanging from N ("three gold mines", "the
14,000-tonne ship") says what it is like, not which it is, so a noun the word lists do not
know does not learn an amount's type from it (`noun_types.learned_types`). Real spaCy
model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

MINES = (
    "Title: Vaal Consolidated lifts gold output\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-19\n\n"
    "Vaal Consolidated Investment Co said its three gold mines produced 41 tonnes of gold "
    "in the year to June.\n\n"
    "Output rose most at Kloof Deep Mines Ltd, the group's biggest mine, where a new shaft "
    "opened in March, said Peter Dlamini, head of the group's gold division.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("which"), {"mines.txt": MINES}, real_embedder)


def test_which_mine_is_answered_by_a_name_not_a_count(assistant: Any) -> None:
    answer = assistant.ask("Which is Vaal Consolidated's biggest mine?")
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None, answer.answer
    assert "Kloof Deep" in answer.short_answer.text, answer.answer
