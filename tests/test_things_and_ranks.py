"""What the answer's figure is of, and whose role the person holds, found on P25: a counted
noun misspelt in the story is the asked one ("managment positions": `counted._spelt_alike`);
"how much copper" over a story measuring only zinc and lead is refused, saying so
(`measured_thing`); a name joined to the question's own in the sentence stands in no other
argument's place ("Harlow and Seacrest plants" for "Harlow's Ruritanian plants":
`alignment._joined`); a vice chairman is not the chairman (`titles.RANKS`); "will the
salary freeze save" has "save" for its verb (`do_support._verb_after_subject`). Real spaCy
model and embedder over a real index of stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

AIRLINE = (
    "Title: Skyline Air to cut management costs\n"
    "Outlet: Airline Wire\nAuthor: Staff\nDate: 2026-03-04\n\n"
    "Skyline Air Corp said it will reduce management costs by 20 pct, or about 80 mln dlrs, "
    "through job cuts, salary freezes and other measures.\n\n"
    "The airline said it will eliminate 464 managment positions and freeze all management "
    "salaries, a move that will save 30 mln dlrs a year.\n\n"
    "Skyline Air vice chairman Martin Shugrue said in a statement that management was "
    "leading the way.\n"
)
SMELTER = (
    "Title: Strike shuts Harbour smelter\n"
    "Outlet: Metals Wire\nAuthor: Staff\nDate: 2026-06-01\n\n"
    "Production at the Harbour smelter has been shut down since the strike began May 9.\n\n"
    "The Harbour smelter produced 240,000 long tons of zinc and 110,000 long tons of lead "
    "last year.\n"
)
MINES = (
    "Title: Harlow urges Ruritania to change policies\n"
    "Outlet: Mining Wire\nAuthor: Staff\nDate: 2026-03-17\n\n"
    "Harlow Metals, the Dutch mining company, has urged Ruritania to change policies it says "
    "are causing heavy losses on bauxite mining there, a company spokesman said.\n\n"
    "Harlow also urged the government to improve the safety of its employees, the spokesman "
    "said, adding rebel fighting since July 2025 had depressed production at Harlow and "
    "Seacrest plants.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"airline.txt": AIRLINE, "smelter.txt": SMELTER, "mines.txt": MINES}
    return assistant_over(tmp_path_factory.mktemp("things"), stories, real_embedder)


def test_a_misspelt_counted_noun_is_the_asked_one(assistant: Any) -> None:
    answer = assistant.ask("How many management positions will Skyline Air eliminate?")
    assert_said_first(answer, "464")


def test_a_measure_of_another_thing_is_refused(assistant: Any) -> None:
    question = "How much copper did the Harbour smelter produce last year?"
    assert_refused(assistant.ask(question), "how much copper, only how much zinc")
    asked = "How much zinc did the Harbour smelter produce last year?"
    assert_said_first(assistant.ask(asked), "240,000 long tons")


def test_a_name_joined_to_the_question_s_stands_in_no_other_place(assistant: Any) -> None:
    question = "Since when has rebel fighting depressed production at Harlow's Ruritanian plants?"
    assert_said_first(assistant.ask(question), "July 2025")


def test_a_vice_chairman_is_not_the_chairman(assistant: Any) -> None:
    assert assistant.ask("Who is Skyline Air's chairman?").abstained
    assert_said_first(assistant.ask("Who is Skyline Air's vice chairman?"), "Martin Shugrue")


def test_the_verb_after_a_noun_read_as_the_root_is_the_question_s() -> None:
    from news_rag.rag.question.parse import parse

    intent = parse("How much will Skyline Air's management salary freeze save a year?")
    assert intent.slots.predicate == "save"
