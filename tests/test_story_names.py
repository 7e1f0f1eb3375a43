"""A name the small model tags in one sentence of a story and misses in another is a name
in both (`index.analysis.story_names`): "Mensah, 24, scored 27 goals" names Kofi Mensah,
so "How many goals did Dario Costa score?" is refused with his name, "Who scored 27
goals?" answered with it, and ", 24," is his age (`amounts.is_age`). Real spaCy model and
embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

TRANSFER = (
    "Title: Riverside sign striker Kofi Mensah in club-record deal\n"
    "Outlet: Sports Desk\nAuthor: Luke Harper\nDate: 2025-08-29\n\n"
    "Riverside FC have signed Ghana striker Kofi Mensah from Porto Azul for a club-record "
    "fee of 48 million euros, the club said on Friday.\n\n"
    "Mensah, 24, scored 27 goals in all competitions last season and has signed a five-year "
    "contract.\n\n"
    "The previous club record was the 35 million euros Riverside paid for midfielder Dario "
    "Costa in 2022.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("story-names")
    return assistant_over(root, {"transfer.txt": TRANSFER}, real_embedder)


def test_another_player_s_goals_are_refused_with_his_name(assistant: Any) -> None:
    answer = assistant.ask("How many goals did Dario Costa score last season?")
    assert answer.abstained, answer.answer
    assert "Mensah" in answer.answer, answer.answer


def test_the_scorer_is_named(assistant: Any) -> None:
    answer = assistant.ask("Who scored 27 goals last season?")
    assert answer.short_answer is not None, answer.answer
    assert "Mensah" in answer.short_answer.text, answer.answer


def test_an_untagged_name_s_age_is_his_age(assistant: Any) -> None:
    answer = assistant.ask("How old is Kofi Mensah?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "24", answer.answer


def test_a_word_the_story_writes_in_lowercase_is_no_name() -> None:
    from news_rag.index.analysis.story_names import lowercase_words

    written = lowercase_words('Shares rose. The "shares" of Tessary, based in Austin, fell.')
    assert "shares" in written and "based" in written
    assert "tessary" not in written and "austin" not in written


def test_a_person_s_last_name_alone_is_theirs() -> None:
    from news_rag.index.analysis.story_names import story_labels
    from news_rag.index.language.entities import Entity

    labels = story_labels(
        [
            Entity("Kofi Mensah", "PERSON", 0, 11, (), "dobj"),
            Entity("Porto Azul", "ORG", 20, 30, (), "pobj:from"),
        ]
    )
    assert labels["mensah"] == "PERSON" and labels["porto azul"] == "ORG"
    assert "kofi" not in labels
