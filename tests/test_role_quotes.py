"""One quote for "Who is X's <role>?" when it names a person titled with the role: a person
titled otherwise stands beside it no more, however relevant (`proof._titled`). Real spaCy
model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_said_first, assistant_over

STORY = (
    "Title: Veridia says foreign debt rising, level not dangerous\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-03-29\n\n"
    "Veridia's foreign debt was rising but the level was not dangerous, a Veridian leader "
    "said on Sunday.\n\n"
    "Finance Minister Arno Kessel said in the budget speech on Thursday that foreign "
    "borrowings in 1987 would be almost double the 1986 level.\n\n"
    "Vice Premier Tomas Relin, a former Commerce Minister, told the same news conference some "
    "people said Veridia's foreign debt was already too much.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("roles"), {"debt.txt": STORY}, real_embedder)


def test_a_person_titled_otherwise_is_not_quoted_beside_the_role_holder(assistant: Any) -> None:
    answer = assistant.ask("Who is Veridia's finance minister?")
    assert_said_first(answer, "Arno Kessel")
    assert all("Relin" not in c.quote for c in answer.citations), answer.answer
    assert any("Relin" in c.quote for c in answer.more_citations), answer.answer
