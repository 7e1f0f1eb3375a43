"""A quote beside the first must answer as well as it does: a sentence whose value hangs
less from the question's words than the first's is another question's answer
(`proof.answers_as_well`: "an area adjacent to the borders of Syria, Iraq and Jordan"
beside "an operation in the Barzeh area" for "In which area ...?"); a place named before the
asked noun answers "which area" (`short_answer.names_asked_place`: "the Barzeh area",
tagged an organisation); a change is no level (`amount_changes.change_for_level`: "Shares
rose 3.4 percent" for "What share of the market does X have?"). Real spaCy model and
embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

SWEEP = (
    "Title: Security sweep in the capital\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 2018-11-24\n\n"
    "This week, the Syrian Air Force Intelligence Directorate has launched a large-scale "
    "security operation in the Barzeh area in eastern Damascus.\n\n"
    '"A big military base was set up there, in a strategically important area adjacent to '
    'the borders of Syria, Iraq and Jordan," the spokeswoman said.\n\n'
    "Dozens of people were detained during the first days of the operation, residents "
    "said.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("sweep"), {"sweep.txt": SWEEP}, real_embedder)


def test_a_place_named_before_the_asked_noun_answers(assistant: Any) -> None:
    answer = assistant.ask(
        "In which area of Damascus did the Syrian Air Force Intelligence Directorate "
        "launch a large-scale security operation?"
    )
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Barzeh", answer.answer


def test_no_quote_answering_a_neighbouring_question(assistant: Any) -> None:
    answer = assistant.ask(
        "In which area of Damascus did the Syrian Air Force Intelligence Directorate "
        "launch a large-scale security operation?"
    )
    quotes = [c.quote for c in answer.citations]
    assert quotes and "Barzeh" in quotes[0], answer.answer
    assert not any("Jordan" in q for q in quotes), answer.answer


def test_a_change_is_no_level() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.amount_changes import change_for_level
    from news_rag.rag.question.parse import parse

    rose = Entity("3.4 percent", "PERCENT", 0, 11, ("rise", "share"), "npadvmod")
    held = Entity("2 percent", "PERCENT", 0, 9, ("give",), "dobj")
    share = parse("What share of the global market does Nimbus have?")
    assert change_for_level(rose, share)
    assert not change_for_level(held, share)
    assert not change_for_level(rose, parse("By how much did Nimbus shares rise?"))
    assert not change_for_level(rose, parse("What was the increase in Nimbus shares?"))
