"""Whether a stored claimant is the speaker a question names (`rag.answer.names`)."""

from __future__ import annotations

import pytest
from news_rag.rag.answer.names import claimant_matches


@pytest.mark.parametrize(
    ("asked", "stored"),
    [
        ("Maria Zakharova", "Maria Zakharova (Russian Foreign Ministry)"),
        ("Maria Zakharova", "Zakharova"),
        ("Zakharowa", "Maria Zakharova (Russian Foreign Ministry)"),
        ("Russia", "Russian Foreign Ministry"),
        ("Japanese Foreign Minister Tadashi Kuranari", "Tadashi Kuranari (Foreign Minister)"),
    ],
)
def test_the_same_speaker_matches(asked: str, stored: str) -> None:
    assert claimant_matches(asked, stored)


@pytest.mark.parametrize(
    ("asked", "stored"),
    [
        # a one-word claimant that is only a word of the asked name is someone else
        ("Japanese Foreign Minister Tadashi Kuranari", "Japanese"),
        ("Japanese Foreign Minister Tadashi Kuranari", "Minister"),
        ("Japanese Foreign Minister Tadashi Kuranari", "ministry (Italy's budget)"),
        ("Iran", "Iraqi sources"),
        ("Maria Zakharova", "Sergey Lavrov (Russian Foreign Ministry)"),
    ],
)
def test_another_speaker_does_not_match(asked: str, stored: str) -> None:
    assert not claimant_matches(asked, stored)
