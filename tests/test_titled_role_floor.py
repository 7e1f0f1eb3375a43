"""A person titled with the role a question asks who holds answers at any relevance
(`answer.titled_relevance_threshold`): "Helen Marsh, president of the company, said the
charges ..." is a long sentence about something else, unlike "Who is the president of
Dornfeld Systems?", and in a large corpus the story's other sentences are not chosen to
carry it over the relevance floor (reuters-dev r058). Real spaCy model and embedder over a
real index; the other floors are raised above every sentence's relevance so that only the
titled floor can let the answer through.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.index_helpers import index_articles

DORNFELD = (
    "Title: Dornfeld Systems to take write-off\n"
    "Outlet: Business Daily Wire\nAuthor: Lena Park\nDate: 2026-05-12\n\n"
    "Dornfeld Systems Inc said it plans a major restructuring of its balance sheet that will "
    "include a write-off of between 39 million and 43 million dollars.\n\n"
    "The company said the rest of the write-off would cover early retirement programmes.\n\n"
    "Helen Marsh, president of the company, said the charges to second-quarter earnings "
    'would "significantly affect" results but would not touch the company\'s cash '
    "position.\n"
)
BANK = (
    "Title: Debtor nations still willing to talk, says World Bank official\n"
    "Outlet: Finance Wire\nAuthor: Tom Reyes\nDate: 2026-05-10\n\n"
    "Debtor nations in Latin America are still willing to negotiate on their debts, the "
    "World Bank's director for the region, Rainer Kohl, said.\n\n"
    "The bank's chief economist, Ana Duarte, is due to visit Brazil next month.\n"
)
# above any sentence's relevance here (the Dornfeld story's first sentence is at about 0.65)
HIGH = 0.9


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("titled-floor")
    return index_articles(root, {"dornfeld.txt": DORNFELD, "bank.txt": BANK}, real_embedder)


def _assistant(index_dir: Any, embedder: Any, titled: float) -> Any:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    settings = Settings()
    answer = replace(
        settings.answer,
        relevance_threshold=HIGH,
        anchored_relevance_threshold=HIGH,
        titled_relevance_threshold=titled,
    )
    return Assistant(index_dir, replace(settings, answer=answer), embedder)


def test_the_titled_person_answers_below_every_other_floor(
    index_dir: Any, real_embedder: Any
) -> None:
    default = _assistant(index_dir, real_embedder, -1.0)
    answer = default.ask("Who is the president of Dornfeld Systems?")
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None and answer.short_answer.text == "Helen Marsh"


def test_without_the_titled_floor_the_same_question_is_refused(
    index_dir: Any, real_embedder: Any
) -> None:
    strict = _assistant(index_dir, real_embedder, HIGH)
    assert strict.ask("Who is the president of Dornfeld Systems?").abstained


def test_another_role_is_no_title_for_the_floor(index_dir: Any, real_embedder: Any) -> None:
    """ "president of the company" is no chief executive: the raised floors refuse."""
    default = _assistant(index_dir, real_embedder, -1.0)
    assert default.ask("Who is the chief executive of Dornfeld Systems?").abstained
