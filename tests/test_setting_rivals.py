"""What a value happened in is a participant too (`owners.SETTING_ROLES`): "How many homes
lost power in Storm Dara?" over "Storm Helga ... cutting power to about 200,000 homes" is
refused with Storm Helga's name, though the small model tags one storm a person and the
other a place (`owners.kin`: two names sharing a word, each with one of its own, are of one
kind). Real spaCy model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

STORM = (
    "Title: Storm Helga cuts power to 200,000 homes\n"
    "Outlet: Atlantic Coast News\nAuthor: Fiona Walsh\nDate: 2026-11-05\n\n"
    "Storm Helga brought winds of up to 145 kilometres per hour to the west coast on "
    "Wednesday, cutting power to about 200,000 homes.\n\n"
    "The weather service issued a red warning for three counties, its highest level.\n\n"
    "Storm Helga is the fourth named storm of the season, after Storm Dara in October.\n"
)


def test_names_sharing_a_word_and_each_with_its_own_are_kin() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.owners import kin
    from news_rag.rag.question.slots import Argument

    helga = Entity("Storm Helga", "PERSON")
    assert kin(helga, Argument("Storm Dara", "LOC", "pobj:in", ()))
    assert not kin(helga, Argument("Helga", "PERSON", "nsubj", ()))  # no word of its own
    assert not kin(Entity("New York", "GPE"), Argument("the New York Times", "ORG", "nsubj", ()))
    assert not kin(helga, Argument("Harbour Jet", "PERSON", "nsubj", ()))


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("setting-rivals")
    return assistant_over(root, {"storm.txt": STORM}, real_embedder)


def test_another_storm_s_figure_is_refused_with_its_name(assistant: Any) -> None:
    answer = assistant.ask("How many homes lost power in Storm Dara?")
    assert answer.abstained, answer.answer
    assert "Storm Helga" in answer.answer, answer.answer


def test_the_storm_s_own_figure_is_answered(assistant: Any) -> None:
    answer = assistant.ask("How many homes lost power in Storm Helga?")
    assert not answer.abstained, answer.answer
    assert "200,000" in answer.answer, answer.answer
