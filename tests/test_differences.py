"""An amount measuring a difference ("approving 1.7 billion dlrs less than he had
proposed": an adverbial noun phrase in the parse) does not answer a question for the
amount itself, nor lifts its sentence as one hanging from the question's verb
(`amount_changes.difference_for_amount`). Real spaCy model and embedder over a real index of
a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

BUDGET = (
    "Title: House panel cuts missile defence funds\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-04-07\n\n"
    "The House Armed Services Committee slashed the President's funding request for the "
    "Strategic Defense Initiative, approving 1.7 billion dlrs less than he had proposed.\n\n"
    "The committee approved 3.5 billion dlrs for the Strategic Defense Initiative, an "
    "anti-missile defence programme known as Star Wars.\n\n"
    "The amount was 1.7 billion dlrs less than the administration request of 5.2 billion "
    "dlrs.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("diff"), {"budget.txt": BUDGET}, real_embedder)


def test_a_difference_is_no_amount_approved(assistant: Any) -> None:
    answer = assistant.ask(
        "How much did the committee approve for the Strategic Defense Initiative?"
    )
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "3.5 billion dlrs", answer.answer


def test_a_difference_is_an_answer_when_one_is_asked(assistant: Any) -> None:
    answer = assistant.ask("How much less than the request did the committee approve?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "1.7 billion dlrs", answer.answer


def test_a_difference_is_told_by_its_role_in_the_parse() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.amount_changes import difference_for_amount
    from news_rag.rag.question.parse import parse

    text = "1.7 billion dlrs less than asked"
    less = Entity("1.7 billion dlrs", "MONEY", 0, 16, ("approve",), "npadvmod")
    approved = Entity("3.5 billion dlrs", "MONEY", 0, 16, ("approve",), "dobj")
    asked = parse("How much did the committee approve for the programme?")
    assert difference_for_amount(less, asked, text)
    assert not difference_for_amount(approved, asked, text)
    assert not difference_for_amount(less, asked, "1.7 billion dlrs in 1986")  # "were worth"
    asked_less = parse("How much less did the committee approve?")
    assert not difference_for_amount(less, asked_less, text)
    assert not difference_for_amount(less, parse("How much did sales rise?"), text)
