""" "Who were the miners killed ...?" asks for persons: the subject of a passive after "who
were" is the role the answer fills (`reading._role`), and the word lists type common nouns
for people (`noun_types.tsv`: miner, worker, passenger, ...) as PERSON, so the sentence
naming the dead answers, not "a Swedish mine" (a NORP) or an authority (an ORG). Real spaCy
model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

MINE = (
    "Title: Two miners killed in collapse at Dalby copper mine\n"
    "Outlet: Resources Wire\nAuthor: Elin Sorensen\nDate: 2026-09-22\n\n"
    "Two workers were killed and five injured when part of a tunnel collapsed at the Dalby "
    "copper mine late on Sunday, the mine's owner said.\n\n"
    "The dead were named by police on Monday evening as Lars Berg, 34, a drilling operator, "
    "and Mikko Aalto, 41, a contractor from Finland.\n\n"
    "Production has been suspended while investigators from the Norwegian Labour "
    "Inspection Authority examine the site.\n\n"
    "It was the second fatal accident at a Norwegian mine this year.\n"
)


def test_who_were_the_people_done_to_asks_for_persons() -> None:
    from news_rag.rag.question.parse import parse

    intent = parse("Who were the miners killed at the Dalby copper mine?")
    assert intent.target == "miner" and intent.expected_types == ("PERSON",)
    for question in ("Which passengers were injured?", "Which workers went on strike?"):
        assert parse(question).expected_types[:1] == ("PERSON",), question


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("mine"), {"mine.txt": MINE}, real_embedder)


def test_the_dead_are_named(assistant: Any) -> None:
    answer = assistant.ask("Who were the miners killed at the Dalby copper mine?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text in {"Lars Berg", "Mikko Aalto"}, answer.answer
