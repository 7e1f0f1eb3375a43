"""Whether a question already names an entity (`select.named_in_question`): a sentence whose
only names are the question's restates it; a new name of the asked-for type answers it."""

from __future__ import annotations

import pytest
from news_rag.rag.answer.select import named_in_question

QUESTION = "Who are the inventors of the oral skin drug assigned to Daltex Medical Sciences?"


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Daltex Medical Sciences", True),  # the question's own words
        ("Daltex Medical Sciences Inc", True),  # one word more on a long name
        ("Albert M. Kligman", False),  # a new person
        ("Daltex", True),
    ],
)
def test_long_names_may_differ_by_one_word(name: str, named: bool) -> None:
    assert named_in_question(name, QUESTION) is named


def test_short_names_must_appear_whole() -> None:
    question = "What did the Bank of Japan say about interest rates?"
    assert named_in_question("Bank of Japan", question)
    assert not named_in_question("Bank of England", question)
    assert not named_in_question("Japan Airlines", question)
