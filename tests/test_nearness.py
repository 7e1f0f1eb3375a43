"""Of two answers hanging from the question's verb, the one hanging from it directly comes
first (`span_ties.nearness`): "will join Ashgrove and Reyes" over "joined the
association ..., leaving a position at Pellham and Co." for "Which firm will departing
... join as chairman?" (whose participle the small model took for the main verb:
`do_support`). Real spaCy model and embedder over a real index of a story written for the
test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

DEPARTURE = (
    "Title: Dealers association to seek a new president\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-03-24\n\n"
    "The National Association of Securities Dealers said it will launch a search for a new "
    "president later this year.\n\n"
    "Dana Whitlock joined the association as president in 1970, leaving a position at "
    "Pellham and Co.\n\n"
    "Whitlock, the departing NASD president, will join Ashgrove and Reyes in June.\n"
)


def test_a_participle_before_the_subject_is_no_main_verb() -> None:
    from news_rag.rag.question.parse import parse

    intent = parse("Which firm will departing NASD president Dana Whitlock join as chairman?")
    assert intent.slots.predicate == "join"
    assert "join" in intent.anchors


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("nearness")
    return assistant_over(root, {"departure.txt": DEPARTURE}, real_embedder)


def test_the_answer_hanging_from_the_verb_itself_comes_first(assistant: Any) -> None:
    answer = assistant.ask(
        "Which firm will departing NASD president Dana Whitlock join as chairman?"
    )
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text.startswith("Ashgrove"), answer.answer
