"""A person's age is a number owned by the person it is in apposition to: "Okoye, 52, a
former teacher" answers "How old is Samuel Okoye?" though the small model tags "Okoye" a
place (`story_names.as_person`: the surname of the story's Samuel Okoye is him) and "52" a
date (`amounts.is_age`), and refuses "How old is Peter Lang?" with Okoye's name
(`owners`: only the values that could answer count, "52", not "800 votes"). Real spaCy
model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

MAYOR = (
    "Title: Mayor Okoye re-elected in Brenton with 54 percent\n"
    "Outlet: City Politics Daily\nAuthor: Grace Adeyemi\nDate: 2026-05-08\n\n"
    "Mayor Samuel Okoye won a second term in Brenton on Thursday, taking 54 percent of the "
    "vote, the city election office said.\n\n"
    "His main challenger, councillor Peter Lang, received 31 percent.\n\n"
    "Okoye, 52, a former teacher, first won the office in 2022 by fewer than 800 votes.\n"
)


def test_a_surname_tagged_a_place_is_the_story_s_person() -> None:
    from news_rag.index.analysis.story_names import as_person
    from news_rag.index.language.entities import Entity

    okoye = Entity("Okoye", "GPE", 10, 15)
    assert as_person(okoye, frozenset({"okoye"})).label == "PERSON"
    assert as_person(okoye, frozenset({"lang"})).label == "GPE"
    ford = Entity("Ford", "ORG", 0, 4)  # a company may bear its founder's name
    assert as_person(ford, frozenset({"ford"})).label == "ORG"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("ages")
    return assistant_over(root, {"mayor.txt": MAYOR}, real_embedder)


def test_the_person_s_age_is_answered(assistant: Any) -> None:
    answer = assistant.ask("How old is Samuel Okoye?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "52", answer.answer


def test_another_person_s_age_is_refused_with_their_name(assistant: Any) -> None:
    answer = assistant.ask("How old is Peter Lang?")
    assert answer.abstained, answer.answer
    assert "Okoye" in answer.answer, answer.answer
