"""A possessor written with "of" owns the asked amount as a possessive does
(`owners.OF_POSSESSOR_ROLES`): "What was the top wind speed of Storm Petra?" over "Storm
Ingrid brought winds of up to 150 kilometres per hour" is refused with Ingrid's name. Real
spaCy model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

STORM = (
    "Title: Storm cuts power to thousands\n"
    "Outlet: Coast News\nAuthor: Fiona Walsh\nDate: 2026-11-05\n\n"
    "Storm Ingrid brought winds of up to 150 kilometres per hour to the west coast on "
    "Wednesday, cutting power to about 180,000 homes.\n\n"
    "Forecasters said a second storm, Storm Petra, could reach the coast next week.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("storm"), {"s.txt": STORM}, real_embedder)


def test_another_storm_s_wind_speed_is_refused(assistant: Any) -> None:
    answer = assistant.ask("What was the top wind speed of Storm Petra?")
    assert answer.abstained and "Ingrid" in answer.answer, answer.answer


def test_the_storm_s_own_wind_speed_is_answered(assistant: Any) -> None:
    answer = assistant.ask("What was the top wind speed of Storm Ingrid?")
    assert answer.short_answer is not None, answer.answer
    assert "150 kilometres" in answer.short_answer.text, answer.answer
