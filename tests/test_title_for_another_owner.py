"""A person titled for another owner than the question's answers no better than any name
(`select.prefer_span`): "Which analyst follows Harlow for Penrose Securities?" is answered
by "Nina Ortiz, who follows Harlow for Penrose Securities", not by "Brightwater and Co
analyst Tom Reilly", whose title names another firm. Real spaCy model and embedder over a
real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

STORY = (
    "Title: Harlow pushes into new markets\n"
    "Outlet: Business Wire\nAuthor: Staff\nDate: 2026-03-03\n\n"
    "Harlow Systems Inc launched a series of data storage products on Tuesday.\n\n"
    '"Harlow sees these new businesses as its future," said Brightwater and Co analyst '
    "Tom Reilly.\n\n"
    "But Nina Ortiz, who follows Harlow for Penrose Securities, said profit margins on the "
    "new systems would be much slimmer.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("titled"), {"s.txt": STORY}, real_embedder)


def test_the_analyst_of_the_asked_firm_answers(assistant: Any) -> None:
    answer = assistant.ask("Which analyst follows Harlow for Penrose Securities?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Nina Ortiz", answer.answer
