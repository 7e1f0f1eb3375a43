"""A party the small model tags a political group (NORP: "the Social Democrats") is a
participant of the same kind as one it tags an organisation ("The Liberal Union"), so
another party's seats are contrary evidence (`owners.participant_kinds`); a lowercase group
("jihadists") is no party. Real spaCy model and embedder over a real index of a story
written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

ELECTION = (
    "Title: Liberal Union wins most seats in Eastmark election\n"
    "Outlet: European Politics Review\nAuthor: Anna Kowalczyk\nDate: 2026-06-22\n\n"
    "The Liberal Union won 71 of the 180 seats in Eastmark's parliament in Sunday's "
    "election, the electoral commission said on Monday, short of a majority.\n\n"
    "The ruling National Front fell to 48 seats from 66, its worst result since 2004.\n\n"
    "Turnout was 64 percent, the commission said.\n"
)


def test_a_capitalised_group_may_be_a_party() -> None:
    from news_rag.rag.answer.owners import participant_kinds

    assert "org" in participant_kinds("NORP", "the Social Democrats")
    assert "org" not in participant_kinds("NORP", "jihadist")
    assert participant_kinds("ORG", "The Liberal Union") == frozenset({"org"})
    assert participant_kinds("DATE", "2026") == frozenset()


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("party-rivals")
    return assistant_over(root, {"election.txt": ELECTION}, real_embedder)


def test_another_party_s_seats_are_refused_with_its_name(assistant: Any) -> None:
    answer = assistant.ask("How many seats did the Social Democrats win?")
    assert answer.abstained, answer.answer
    assert "Liberal Union" in answer.answer, answer.answer


def test_the_party_s_own_seats_are_answered(assistant: Any) -> None:
    answer = assistant.ask("How many seats did the Liberal Union win?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text.startswith("71"), answer.answer
