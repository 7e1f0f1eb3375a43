"""Follow-ups in the question parse (rag/question/parse.py, rag/question/followup.py) with the
real spaCy model: what a pronoun, an ellipsis or an anaphoric date stands for, and the query
a follow-up is searched with (the question plus the previous turn only)."""

from __future__ import annotations

import json

import pytest
from news_rag.index.language.entities import Entity
from news_rag.rag.question.followup import resolved_query
from news_rag.rag.question.intent import Intent
from news_rag.rag.question.parse import parse


def _after(*questions: str) -> list[Intent]:
    history: list[Intent] = []
    for question in questions:
        history.append(parse(question, history))
    return history


def test_she_resolves_to_the_previous_claimant() -> None:
    (previous,) = _after("What did Maria Zakharova say about al-Tanf?")
    intent = parse("When did she say it?", [previous])
    assert intent.is_follow_up
    assert intent.kind == "when"
    assert intent.expected_types[0] == "DATE"
    assert intent.claimant is not None
    assert intent.claimant.text == "Maria Zakharova"
    assert intent.claimant.resolved_from == "she"
    assert intent.question[intent.claimant.start : intent.claimant.end] == "she"
    assert "Zakharova" in intent.query and "al-Tanf" in intent.query


def test_she_resolves_to_a_person_in_the_previous_answer() -> None:
    previous = parse("Which Russian Foreign Ministry spokeswoman spoke about al-Tanf?")
    answered = previous.with_answer((Entity("Maria Zakharova", "PERSON"),))
    intent = parse("When did she say it?", [answered])
    assert intent.is_follow_up
    assert intent.claimant is not None and intent.claimant.text == "Maria Zakharova"


def test_demonstrative_determiner_is_not_a_follow_up() -> None:
    history = _after("What did Maria Zakharova say about al-Tanf?")
    intent = parse("How many people died in the Texas floods this week?", history)
    assert intent.kind == "quantity"
    assert intent.references == ()
    assert intent.query == intent.question


@pytest.mark.parametrize(
    "question",
    [
        "How many people died in the Texas floods this week?",
        "Did the company say it would cut jobs?",  # "it" is the company
        "What did Trump say about his tariffs?",  # "his" is Trump
        "What did Jaime Ongpin say he would like the bank to do?",  # "he" is Ongpin
        "What was the subsidy authorised the week before April 7?",  # anchored date
        "Which banks co-chair the creditor steering committee?",  # not a fragment
        "How long did it take to rebuild the bridge?",  # "it" stands for the clause
        "Is it true that the Fed raised rates?",
        "Who said that the talks had collapsed?",  # "that" opens a clause
        "Were there any casualties in the storm?",
        "What are markets doing these days?",
        "When did the earthquake hit central Italy?",
    ],
)
def test_not_a_follow_up(question: str) -> None:
    history = _after("How many cars did Toyota sell in 2018?")
    intent = parse(question, history)
    assert not intent.is_follow_up
    assert intent.query == question


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("When did she say it?", "pronoun"),
        ("What did Russia say about it?", "pronoun"),  # Russia cannot be "it" here
        ("Who reported that?", "pronoun"),
        ("How many of them were from Japan?", "pronoun"),
        ("Which executive was fired over that decision?", "demonstrative"),
        ("How large is that subsidy?", "demonstrative"),
        ("What happened the next day?", "anaphoric"),
        ("Who else said so?", "anaphoric"),
        ("And in 2019?", "ellipsis"),
        ("What about Honda?", "ellipsis"),
        ("Why?", "ellipsis"),
        ("And what did the union say?", "continuation"),
    ],
)
def test_follow_up(question: str, reason: str) -> None:
    history = _after("How many cars did Toyota sell in 2018?")
    intent = parse(question, history)
    assert intent.is_follow_up
    assert reason in {r.reason for r in intent.references}
    for reference in intent.references:
        assert question[reference.start : reference.end] == reference.text


def test_without_history_nothing_is_a_follow_up() -> None:
    intent = parse("When did she say it?")
    assert intent.kind == "when"
    assert [r.text for r in intent.references] == ["she", "it"]
    assert intent.claimant is None


def test_ellipsis_repeats_the_previous_question_with_a_part_replaced() -> None:
    history = _after("How many cars did Toyota sell in 2018?", "And in 2019?")
    year = history[-1]
    assert year.kind == "quantity"
    assert (year.filters.since, year.filters.until) == ("2019-01-01", "2019-12-31")
    assert "Toyota" in year.query and "2018" not in year.query
    honda = parse("What about Honda?", history)
    assert honda.kind == "quantity"
    assert honda.target == "car" and honda.counts_things  # what it asks is the previous turn's
    assert honda.filters.since == "2019-01-01"  # kept from the previous turn
    assert "Honda" in honda.query and "Toyota" not in honda.query
    claims = _after("What did China say about the tariffs?", "What about Japan?")[-1]
    assert claims.kind == "claims"
    assert claims.claimant is not None and claims.claimant.text == "Japan"


def test_an_ellipsis_asks_for_what_the_previous_relation_names() -> None:
    chile = _after("What is the capital of Peru?", "What about Chile?")[-1]
    assert chile.asks_relation and chile.target == "capital"


def test_a_month_without_a_year_is_read_at_the_previous_turns_date() -> None:
    history = _after("How large was Thailand's trade deficit in February 1987?", "And in January?")
    january = history[-1]
    assert january.kind == "quantity"
    assert january.expected_types[0] == "MONEY"  # a deficit is an amount of money
    assert (january.filters.since, january.filters.until) == ("1987-01-01", "1987-01-31")
    assert "February" not in january.query
    unanchored = parse("And last week?", _after("How many cars did Toyota sell in 2018?"))
    assert (unanchored.filters.since, unanchored.filters.until) == (None, None)


def test_who_reported_that_asks_about_the_previous_answer() -> None:
    history = _after("How many fighters fled al-Bukamal?")
    intent = parse("Who reported that?", history)
    assert intent.about_previous_answer
    assert not parse("Who reported the explosion?", history).about_previous_answer


def test_it_resolves_to_the_previous_answer() -> None:
    previous = parse("Which company bought Whole Foods?")
    answered = previous.with_answer((Entity("Amazon", "ORG"),))
    intent = parse("Where is it based?", [answered])
    assert [r.resolved for r in intent.references] == ["Amazon"]
    assert intent.query.startswith("Where is it based? Amazon")
    unanswered = parse("Where is it based?", [previous])
    assert [r.resolved for r in unanswered.references] == ["company"]


def test_them_resolves_to_the_counted_thing() -> None:
    history = _after("How many fighters were killed in Deir Ezzor?")
    intent = parse("How many of them were from Russia?", history)
    assert [r.resolved for r in intent.references] == ["fighter"]


def test_resolved_query_carries_only_the_previous_turn() -> None:
    history = _after(
        "How many people died in the Texas floods?",
        "How much crude oil did OPEC produce in March 1987?",
        "And in April?",
        "Why?",
    )
    oil, april, why = history[1], history[2], history[3]
    assert april.is_follow_up and why.is_follow_up
    for intent in (april, why):
        assert "OPEC" in intent.query
        assert "flood" not in intent.query.lower() and "Texas" not in intent.query
    assert resolved_query(april, oil) == april.query
    assert resolved_query(oil, history[0]) == oil.question  # not a follow-up
    # Each question appears once: the query never strings earlier questions together.
    assert why.query.count("?") == 1


def test_to_dict_is_json() -> None:
    history = _after("What did Maria Zakharova say about al-Tanf in November 2018?")
    data = parse("When did she say it?", history).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == "follow-up"
    assert data["claimant"]["text"] == "Maria Zakharova"
