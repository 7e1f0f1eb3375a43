"""General news asks for things the wire's financial questions rarely do: a city's
population, an earthquake's magnitude, which officer or which station. The nouns are typed
(rag/question/data/noun_types.tsv), so the answer span is said first (real spaCy model and
embedder, a real index of one article)."""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.rag.question.parse import parse

from tests.index_helpers import index_articles

ARTICLE = (
    "Title: Strong quake shakes coastal city\n"
    "Outlet: Coastal Herald\nAuthor: Mia Torres\nDate: 2025-06-02\n\n"
    "A strong earthquake shook the coastal city of Port Elena early on Sunday, damaging "
    "dozens of old buildings.\n\n"
    "The quake had a magnitude of 6.1, the national seismology institute said.\n\n"
    "Port Elena, a fishing port, has a population of about 240,000 people.\n\n"
    "Police officer Daniel Okafor pulled two children from a collapsed bakery, witnesses "
    "said.\n"
)


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("What is the population of Lagos?", "CARDINAL"),
        ("What was the magnitude of the earthquake?", "CARDINAL"),
        ("Which officer rescued the children?", "PERSON"),
        ("Which station broadcast the speech?", "FAC"),
    ],
)
def test_general_news_nouns_ask_for_a_type(question: str, label: str) -> None:
    assert label in parse(question).expected_types


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    index_dir = index_articles(tmp_path_factory.mktemp("quake"), {"quake.txt": ARTICLE},
                               real_embedder)  # fmt: skip
    return Assistant(index_dir, Settings(), real_embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is the population of Port Elena?", "240,000"),
        ("What was the magnitude of the Port Elena earthquake?", "6.1"),
        ("Which police officer pulled children from the bakery?", "Daniel Okafor"),
    ],
)
def test_the_typed_answer_is_said_first(assistant: Any, question: str, expected: str) -> None:
    answer = assistant.ask(question)
    assert answer.short_answer is not None, answer.answer
    assert expected in answer.short_answer.text
    assert answer.answer.startswith(answer.short_answer.text)
