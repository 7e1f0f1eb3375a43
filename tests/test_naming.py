"""What a noun the word lists do not know asks for, learned from the retrieved sentences
(`noun_types.learned_types`): a name a naming verb gives the noun ("The test, called Quick
Check") teaches it a type; a nationality before it ("the Norwegian ship") and, for "Which
N?", a time hanging from it ("the band ... at 9 p.m.") say what it is like or when, not
which one it is. Real spaCy model and embedder over a real index of stories written for
the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

SALMONELLA = (
    "Title: Vela Diagnostics wins approval for salmonella test\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-06-29\n\n"
    "Vela Diagnostics Inc said it has received approval from the Food and Drug "
    "Administration to market a home test for salmonella.\n\n"
    "The test, called Chik Chek, would be the first over-the-counter test for salmonella, "
    "the company said.\n"
)
GROUNDING = (
    "Title: Cargo ship runs aground off Gull Point\n"
    "Outlet: Coastal Times\nAuthor: Fiona Reid\nDate: 2025-11-04\n\n"
    "A cargo ship carrying fertiliser ran aground off Gull Point on Sunday night, the "
    "coastguard said.\n\n"
    "The Norwegian ship had sailed from Rotterdam, and a Dutch salvage firm was hired to "
    "refloat it.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"salmonella.txt": SALMONELLA, "grounding.txt": GROUNDING}
    return assistant_over(tmp_path_factory.mktemp("naming"), stories, real_embedder)


def test_the_name_a_naming_verb_gives_answers(assistant: Any) -> None:
    answer = assistant.ask("What is Vela Diagnostics' salmonella test called?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Chik Chek", answer.answer


def test_a_nationality_is_not_which_ship(assistant: Any) -> None:
    answer = assistant.ask("Which ship ran aground off Gull Point?")
    said = answer.short_answer.text if answer.short_answer else ""
    assert said not in {"Norwegian", "Dutch"}, answer.answer
