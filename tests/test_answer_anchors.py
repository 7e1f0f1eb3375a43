"""Anchored answers (real spaCy model, real index): an amount that hangs from what the
question asks about ("a fee of 2.5 pct" for "What fee ...?") is quoted even when a lead
sentence with another amount and more of the question's words ranks first."""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.sentences import split_sentences
from news_rag.rag.question.parse import parse
from news_rag.rag.settings import AnswerSettings, Settings

from tests.index_helpers import index_articles

ARTICLE = (
    "Title: Springfield hands waste contract to Acme\n"
    "Outlet: Business Wire Daily\nAuthor: Tom Reed\nDate: 2024-03-06\n\n"
    "The city of Springfield has awarded a 40 mln dlr waste contract to Acme Corp, the "
    "city's mayor Ann Lee told reporters on Monday.\n\n"
    "Lee said the contract, carrying a management fee of 2.5 pct a year, runs until 2030.\n\n"
    "Acme employs 300 people in the city.\n"
)
QUESTION = "What management fee does the Springfield waste contract with Acme carry?"


def test_entities_keep_the_words_they_hang_from() -> None:
    text = "Lee said the contract, carrying a management fee of 2.5 pct a year, runs until 2030."
    article = ArticleInput("a", text, tuple(split_sentences(text)), "2024-03-06", None, "Wire")
    entities = Analyser().analyse([article])[0][0].entities
    amount = next(e for e in entities if e.text.startswith("2.5"))
    assert {"fee", "carry"} & set(amount.heads), amount


def test_through_a_copula_an_amount_hangs_from_its_subject() -> None:
    text = "The figures showed exports were 3.85 billion marks in January."
    article = ArticleInput("a", text, tuple(split_sentences(text)), "1987-03-06", None, "Wire")
    entities = Analyser().analyse([article])[0][0].entities
    amount = next(e for e in entities if e.text.startswith("3.85"))
    assert "export" in amount.heads, amount


def test_the_question_names_its_anchors() -> None:
    intent = parse(QUESTION)
    assert "fee" in intent.anchors and "carry" in intent.anchors
    # "be" says nothing; the thing measured is what the answer hangs from ("a deficit of")
    assert parse("How large was the deficit?").anchors == ("deficit",)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return index_articles(
        tmp_path_factory.mktemp("anchors"), {"contract.txt": ARTICLE}, real_embedder
    )


def _read(index_dir: Any, real_embedder: Any, anchor_weight: float, target: float = 0.2) -> str:
    from news_rag.rag.assistant import Assistant

    answer_settings = AnswerSettings(anchor_weight=anchor_weight, target_margin=target)
    settings = Settings(answer=answer_settings)
    answer = Assistant(index_dir, settings, real_embedder).ask(QUESTION)
    return " ".join([answer.answer, *(c.quote for c in answer.citations)])


def test_an_anchored_amount_is_quoted(index_dir: Any, real_embedder: Any) -> None:
    assert "2.5 pct" in _read(index_dir, real_embedder, AnswerSettings().anchor_weight)


def test_without_the_anchor_the_lead_sentence_alone_answers(
    index_dir: Any, real_embedder: Any
) -> None:
    """The case the anchor is for: without it (and without `answer.target_margin`, which
    also puts the sentence naming the fee first), the lead's "40 mln dlr" is all that is
    quoted."""
    assert "2.5 pct" not in _read(index_dir, real_embedder, 0.0, target=0.0)
    assert "2.5 pct" in _read(index_dir, real_embedder, 0.0)  # the fee is named there


def test_a_name_hangs_from_its_apposition_and_who_is_asks_for_the_noun() -> None:
    text = "Bruce Wilkinson, president of the company, said the charges would hurt results."
    article = ArticleInput("a", text, tuple(split_sentences(text)), "1987-03-06", None, "Wire")
    person = Analyser().analyse([article])[0][0].entities[0]
    assert person.text == "Bruce Wilkinson" and "president" in person.heads
    assert parse("Who is the president of CRS Sirrine?").anchors == ("president",)


def test_who_said_a_clause_is_not_anchored_on_the_speech_verb() -> None:
    # every "X said" sentence's claimant hangs from "say"; "according to X" states a claim too
    assert "say" not in parse("Who said that ISIS controlled 70% of Syria?").anchors
    assert "claim" not in parse("Who claims the SAA sent reinforcements?").anchors
    # a speech verb with an object names a relation, and stays an anchor
    told = parse("Which executive told reporters about the purchase?")
    assert "tell" in told.anchors
    assert "announce" in parse("Who announced the plan?").anchors


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Lead author Dr. Tomas Lindqvist said the team first heard the call.", "author"),
        ("Spokesman Mr. John Smith said the deal was done.", "spokesman"),
        ("Health Minister Dr. Ana Lopez said the clinic would open.", "minister"),
    ],
)
def test_a_title_is_read_past_an_honorific(text: str, title: str) -> None:
    # "Dr." and "Mr." stand between the title and the name; the parse hangs "Spokesman" from
    # "Mr.": the title is still what the person is
    article = ArticleInput("a", text, ((0, len(text)),), "2024-01-01", None, "Wire")
    person = next(e for e in Analyser().analyse([article])[0][0].entities if e.label == "PERSON")
    assert title in person.heads and not any(h.endswith(".") for h in person.heads)


def _entities(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    article = ArticleInput("a", text, ((0, len(text)),), "2024-01-01", None, "Wire")
    return {e.text: (e.label, e.heads) for e in Analyser().analyse([article])[0][0].entities}


def test_a_name_titled_with_a_person_s_role_is_a_person() -> None:
    # the small model tags "Karen Holt" an ORG here; her title says she is a person
    found = _entities("Chief executive Karen Holt said the airline would add 22 new routes.")
    assert found["Karen Holt"] == ("PERSON", ("say", "executive"))


def test_what_changed_is_a_head_of_the_amounts_it_changed_by_and_to() -> None:
    found = _entities("Revenue rose 14 percent to $4.1 billion, the company said.")
    assert "revenue" in found["$4.1 billion"][1] and "revenue" in found["14 percent"][1]
