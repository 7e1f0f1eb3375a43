""" "Who is the secretary-general of the union?" is answered by the person the story titles
with the asked role ("said union secretary-general Tomasz Wren"), whose name hangs from
"said", not from the role, before a higher-scoring sentence naming the port operator
(`span_ties.titled_as_role`, `titles.titled_as_asked`). Real spaCy model and embedder over a real
index of a story written for the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.index_helpers import assistant_over

PORT = (
    "Title: Dockworkers at Port Calder begin 72-hour strike\n"
    "Outlet: Coastal Times\nAuthor: Hannah Moore\nDate: 2025-11-03\n\n"
    "Dockworkers at Port Calder walked off the job on Monday at the start of a 72-hour strike "
    "over pay and automation, halting container traffic at the country's second-largest "
    "port.\n\n"
    "The Maritime Workers Union said about 3,200 members had joined the stoppage after talks "
    "with the port operator, Calder Terminals, collapsed on Friday.\n\n"
    '"Our members will not accept robots replacing them without a guarantee of retraining," '
    "said union secretary-general Tomasz Wren.\n\n"
    "Calder Terminals said it had offered a 6 percent pay rise over three years.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root: Path = tmp_path_factory.mktemp("titled")
    return assistant_over(root, {"port.txt": PORT}, real_embedder)


def test_the_person_titled_with_the_role_is_named(assistant: Any) -> None:
    answer = assistant.ask("Who is the secretary-general of the Maritime Workers Union?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Tomasz Wren", answer.answer
