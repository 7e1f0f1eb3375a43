""" "Who said X?" is answered by the sentence saying X, whatever place it names: the
question's names are what was said, not participants another name could stand in for
(`span_preference.prefer_span`: no rival for a question asking who claims something), and the
speaker's full name comes with the surname the quote gives (`compose.short_line`). Real spaCy
model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_said_first, assistant_over

GULF = (
    "Title: Britain backs U.S. strike on Iranian platform\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-19\n\n"
    "Britain's Foreign Secretary Geoffrey Howe backed the attack on the platform.\n\n"
    '"The United States is fully entitled to take military action in exercise of rights of '
    'self-defense," Howe said in a statement issued in London.\n\n'
    "Tehran Radio said the United States had attacked Iran.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("who-said"), {"gulf.txt": GULF}, real_embedder)


def test_who_said_it_is_the_speaker_of_the_claim(assistant: Any) -> None:
    question = "Who said the United States was fully entitled to take military action against Iran?"
    answer = assistant.ask(question)
    assert_said_first(answer, "Howe")
    # the story named him in full before: the first line says so
    assert answer.answer.startswith("Howe (Geoffrey Howe; per Wire, 1987-10-19) [1]")
