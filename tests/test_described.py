"""A bare description of an organisation stands for one of the story's organisations
(`index/analysis/described.py`), and a figure it owns is that organisation's
(`rag/answer/owners.py`): "How many passengers did Skyline Airways carry?" over a story whose
"The airline carried 18.4 million passengers" is Northwind Air's is refused with
Northwind's name, and Northwind's own figure is still answered. Real spaCy model, real
embedder, real index over a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput, SentenceAnalysis
from news_rag.index.sentences import split_sentences

from tests.index_helpers import assistant_over

BODY = (
    "Northwind Air said on Friday it flew a record number of passengers last year.\n\n"
    "The airline carried 18.4 million passengers in 2025, up 9 percent from a year earlier.\n\n"
    "Rival Skyline Airways, which competes with Northwind on most routes, has struggled with "
    "delays and cancelled about 1,200 flights in the winter.\n\n"
    "The company's fuel bill climbed to 1.3 billion dollars, its chief executive said.\n"
)
STORY = (
    "Title: Northwind Air carries record passengers\n"
    "Outlet: Coastal Herald\nAuthor: Helen Ortega\nDate: 2026-03-14\n\n" + BODY
)


def _analysed(text: str) -> list[SentenceAnalysis]:
    spans = tuple(split_sentences(text))
    return Analyser().analyse([ArticleInput("a1", text, spans, "2026-03-14")])[0]


def _descriptions(text: str) -> list[tuple[str, str]]:
    """Each description's words and the organisation it stands for ("it" and "its" left
    out)."""
    found = [(text[e.start : e.end], e.text) for r in _analysed(text) for e in r.described]
    return [(words, name) for words, name in found if words.casefold() not in ("it", "its")]


def test_a_description_is_the_story_s_organisation_not_a_rival_named_later() -> None:
    records = _analysed(BODY)
    described = [(BODY[e.start : e.end], e.text, e.role) for r in records for e in r.described]
    assert ("The airline", "Northwind Air", "nsubj") in described
    assert ("The company", "Northwind Air", "poss") in described  # Skyline Airways is nearer
    assert all(e.label == "ORG" for r in records for e in r.described)


def test_a_description_that_says_which_one_is_not_read() -> None:
    text = (
        "Northwind Air said it flew more passengers.\n\n"
        "The rival airline carried 9 million passengers.\n\n"
        "The airlines carried 30 million passengers between them.\n"
    )
    assert not _descriptions(text)


def test_a_description_before_any_name_stands_for_nobody() -> None:
    text = "The company said profits rose.\n\nLater, Northwind Air said so too.\n"
    assert not _descriptions(text)


def test_a_public_body_is_only_a_name_nearby_that_holds_its_noun() -> None:
    text = (
        "Northwind Air said it flew more passengers.\n\n"
        "The government said airport fees would rise.\n\n"
        "The Finance Ministry said tax receipts rose.\n\n"
        "The ministry said the deficit fell.\n"
    )
    assert set(_descriptions(text)) == {("The ministry", "The Finance Ministry")}


def test_it_and_its_stand_for_the_nearest_organisation() -> None:
    text = (
        "Greystone Retail said holiday sales fell.\n\n"
        "Greystone's larger competitor, Pennfield Stores, reported that its holiday sales "
        "rose 3 percent.\n\n"
        "Aldermoor Pharma Inc sold a unit to Berwick Holdings.\n\n"
        "It said the sale would add to earnings.\n"
    )
    described = [(text[e.start : e.end], e.text) for r in _analysed(text) for e in r.described]
    assert ("its", "Pennfield Stores") in described  # in apposition to the subject's noun
    assert ("It", "Aldermoor Pharma Inc") in described  # the subject of the sentence before


def test_the_businesses_are_organisations() -> None:
    from news_rag.index.analysis import lexicon

    assert lexicon.words(lexicon.COMPANY_NOUNS) < lexicon.words(lexicon.ORG_NOUNS)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("described")
    return assistant_over(root, {"airline.txt": STORY}, real_embedder)


def test_a_rival_s_figure_given_by_a_description_is_refused_with_its_owner(
    assistant: Any,
) -> None:
    answer = assistant.ask("How many passengers did Skyline Airways carry in 2025?")
    assert answer.abstained, answer.answer
    assert "Northwind" in answer.answer, answer.answer


def test_the_organisation_s_own_figure_is_answered(assistant: Any) -> None:
    answer = assistant.ask("How many passengers did Northwind Air carry in 2025?")
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None, answer.answer
    assert "18.4 million" in answer.short_answer.text, answer.answer


def test_a_description_s_business_is_a_rival_of_a_company_the_model_tagged_a_person() -> None:
    """The small model tags many companies' names a person ("Rival Harbour Jet"): the
    business "the airline" stands for owns its figure against such a name too, and against
    no place."""
    from dataclasses import replace

    from news_rag.rag.answer.owners import owner_contradictions
    from news_rag.rag.question.parse import parse

    carried = _analysed(BODY)[1]
    assert [e.text for e in carried.described] == ["Northwind Air"]

    def rivals(question: str, label: str) -> list[str]:
        intent = parse(question)
        args = tuple(replace(a, label=label) for a in intent.slots.arguments)
        intent = replace(intent, slots=replace(intent.slots, arguments=args))
        forms = [(a.text,) for a in intent.slots.arguments]
        return [c.found for c in owner_contradictions(carried, intent, forms) if c.decisive]

    question = "How many passengers did Skyline Airways carry in 2025?"
    assert rivals(question, "PERSON") == ["Northwind Air"]
    assert rivals(question, "ORG") == ["Northwind Air"]
    assert rivals(question, "GPE") == []
