"""What a noun the word lists do not know asks for, learned from the retrieved sentences
(`noun_types.learned_types`): a name a naming verb gives the noun ("The test, called Quick
Check") teaches it a type; a nationality before it ("the Norwegian ship") and, for "Which
N?", a time hanging from it ("the band ... at 9 p.m.") say what it is like or when, not
which one it is. For a name, the asked noun elsewhere in a sentence ("the company said")
says nothing: only a name calling itself by it does. Real spaCy model and embedder over
a real index of stories written for the test."""

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


PLANT = (
    "Title: Olin to build chemical plant\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-20\n\n"
    "Olin Corp said it will build a chemical plant in Texas.\n\n"
    "The plant, which has a 660-ton per day capacity, will be operated by du Pont, the "
    "company said.\n"
)
DERAILMENT = (
    "Title: Freight train derails near Millbrook\n"
    "Outlet: Evening Post\nAuthor: Grace Whitfield\nDate: 2025-08-03\n\n"
    "A freight train carrying chlorine derailed near the town of Millbrook early on "
    "Saturday.\n\n"
    "The train was operated by Western Plains Railway and was travelling from Denver to "
    "Kansas City.\n"
)


@pytest.fixture(scope="module")
def operators(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"plant.txt": PLANT, "derailment.txt": DERAILMENT}
    return assistant_over(tmp_path_factory.mktemp("operators"), stories, real_embedder)


def test_the_asked_noun_beside_a_name_says_nothing(operators: Any) -> None:
    # "the company said" names the asked noun; the railway is the company asked for
    answer = operators.ask("Which company operated the train?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Western Plains Railway", answer.answer


def test_another_story_s_value_about_another_thing_is_not_quoted(operators: Any) -> None:
    # du Pont operates a plant: another answer of the kind asked, about no train
    answer = operators.ask("Which company operated the train?")
    assert not any("du Pont" in c.quote for c in answer.citations), answer.answer
