""" "Who said X?" names the speaker whose sentence holds more of X's words when two
speakers' sentences are close (`span_preference._span_rank`): Geoffrey Howe, who said the United
States "is fully entitled to take military action", not Vernon Walters, whose report to the
Security Council is about the same action. Real spaCy model and embedder over a real index
of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

GULF = (
    "Title: Britain backs U.S. strike on Iranian platform\n"
    "Outlet: World Report\nAuthor: Staff\nDate: 2025-10-19\n\n"
    "United States warships shelled an Iranian oil platform in the Gulf on Monday.\n\n"
    '"In accordance with Article 51 of the United Nations Charter, I wish to report that '
    'United States forces have taken military action against Iran in self-defense," '
    "Ambassador Vernon Walters wrote to the Security Council.\n\n"
    '"The United States is fully entitled to take military action in exercise of rights of '
    'self-defense," British Foreign Secretary Geoffrey Howe said in a statement.\n\n'
    "Iran said it would respond.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("who-said")
    return assistant_over(root, {"gulf.txt": GULF}, real_embedder)


def test_the_speaker_of_the_asked_words_is_named(assistant: Any) -> None:
    answer = assistant.ask(
        "Who said the United States was fully entitled to take military action against Iran?"
    )
    assert answer.short_answer is not None, answer.answer
    assert "Howe" in answer.short_answer.text, answer.answer
