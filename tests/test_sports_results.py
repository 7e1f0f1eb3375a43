"""Sports results, as a new user asks about them (real spaCy model and embedder, a real
index of a story written for these tests): "What was the score?" asks for a tally
("21-14"), never a count of goals that the story's "scored" hangs from; a tally answers no
other question ("6-4" is no age, "24-21" no crowd) (`amount_units.wrong_tally`,
rag/question/data/tally_nouns.txt)."""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.index.language.entities import Entity
from news_rag.rag.question.parse import parse

from tests.index_helpers import assert_said_first, assistant_over

RUGBY = (
    "Title: Harbourside edge Kingsbridge to reach league final\n"
    "Outlet: Rugby Weekly\nAuthor: Owen Price\nDate: 2025-05-18\n\n"
    "Harbourside reached the Premier League final for the first time since 2011 after a "
    "24-21 victory over Kingsbridge in a tense semi-final at Riverside Park on Saturday.\n\n"
    "Kingsbridge had led 21-14 at half-time thanks to two tries from winger Sam Okoro, but "
    "they failed to score in the second half.\n\n"
    "A crowd of 14,500 watched the match, a record for the ground.\n\n"
    "They will face Eastport, who beat Westvale 31-10 on Friday, in the final at Twickenham "
    "on May 31.\n"
)
SOCCER = (
    "Title: Westfield's striker sets a club record\n"
    "Outlet: Sports Daily\nAuthor: Ben Ortiz\nDate: 2025-05-12\n\n"
    "Striker Marco Silva scored twice in the second half, taking his tally for the season to "
    "27 goals, a club record.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"rugby.txt": RUGBY, "soccer.txt": SOCCER}
    return assistant_over(tmp_path_factory.mktemp("sport"), stories, real_embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What was the half-time score in the Kingsbridge semi-final?", "21-14"),
        ("What was the score at half-time?", "21-14"),
        ("By what score did Eastport beat Westvale?", "31-10"),
        ("How many people watched the Harbourside semi-final?", "14,500"),
    ],
)
def test_a_score_is_a_tally_and_a_tally_only_a_score(
    assistant: Any, question: str, expected: str
) -> None:
    assert_said_first(assistant.ask(question), expected)


def test_a_tally_answers_only_a_question_asking_for_one() -> None:
    from news_rag.rag.answer.amount_units import asks_tally, wrong_tally

    tally = Entity("6-4", "CARDINAL", 0, 3, ("beat",), "npadvmod")
    goals = Entity("27 goals", "CARDINAL", 0, 8, ("score",), "pobj:to")
    score = parse("What was the score of the final?")
    assert asks_tally(score)
    assert not wrong_tally(tally, score) and wrong_tally(goals, score)
    age = parse("How old is Andrej Novak?")
    assert wrong_tally(tally, age) and not asks_tally(age)
    assert not wrong_tally(Entity("23", "CARDINAL", 0, 2), age)
