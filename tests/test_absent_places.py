"""An untyped question naming a place no article of the answer names refuses, naming it
(`rag.answer.absent_places`): "What happened in the war in Yemen?" over a story about Syria.
A place the story writes by its acronym ("US" for "the United States") is named. Real spaCy
model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

OFFENSIVE = (
    "Title: Army pushes east along the Euphrates\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 2017-11-25\n\n"
    "On November 23, the Syrian army and its allies continued their offensive against "
    "militants on the western bank of the Euphrates in eastern Syria.\n\n"
    "The strike hit the militants' vehicles and strong points near the town, the army "
    "said.\n\n"
    "US-backed forces captured two villages on the eastern bank, according to local "
    "sources.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("places")
    return assistant_over(root, {"offensive.txt": OFFENSIVE}, real_embedder)


def test_a_place_no_article_names_refuses(assistant: Any) -> None:
    answer = assistant.ask("What happened in the war in Yemen in November 2017?")
    assert answer.abstained, answer.answer
    assert "Yemen" in answer.answer


def test_a_place_the_story_names_is_answered(assistant: Any) -> None:
    answer = assistant.ask("What happened in the war in Syria in November 2017?")
    assert not answer.abstained, answer.answer


def test_a_place_written_as_its_acronym_is_named(assistant: Any) -> None:
    answer = assistant.ask("What did forces backed by the United States capture?")
    assert "United States" not in answer.answer.split(";")[0], answer.answer
