""" "How deep was the earthquake?" asks for a length: the sentence giving a depth in
kilometres answers it before the higher-scoring one whose number is the magnitude
(`asked_measures`). Real spaCy model and embedder over a real index of a story written for
the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

QUAKE = (
    "Title: Strong earthquake shakes northern Tamarind\n"
    "Outlet: Andes Daily\nAuthor: Staff\nDate: 2025-07-21\n\n"
    "A magnitude 6.1 earthquake struck northern Tamarind early on Sunday, damaging more than "
    "200 homes and injuring 19 people, officials said.\n\n"
    "The quake was centred 30 kilometres south of the city of Porto Alto at a depth of 72 "
    "kilometres, according to the national seismological service.\n\n"
    "Schools in the region will stay closed on Monday while engineers inspect buildings.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("measures")
    return assistant_over(root, {"quake.txt": QUAKE}, real_embedder)


def test_a_depth_answers_how_deep(assistant: Any) -> None:
    answer = assistant.ask("How deep was the earthquake?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text.endswith("72 kilometres"), answer.answer


def test_the_magnitude_still_answers_its_own_question(assistant: Any) -> None:
    answer = assistant.ask("What was the magnitude of the earthquake?")
    assert answer.short_answer is not None and "6.1" in answer.short_answer.text, answer.answer
