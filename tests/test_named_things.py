"""General news asks "which N" for a thing by name, and "who won" for a winner (real spaCy
model and embedder, a real index of stories written for these tests):
- a noun the word lists do not know ("journal", "foundation") learns its type from the
  names calling themselves by it ("the European Heart Journal"), read in the best
  articles whole (rag/answer/called_names.py), and such a name answers first;
- a name the sentence calls by the asked noun ("the Dutch salvage firm Smit") is the
  short answer before another name of its sentence;
- "Who won ...?" asks for a winner (a doubled consonant: "win", "winner"), and "won" the
  verb is no currency the question asks in; a question naming two currencies (an exchange
  rate) asks in neither.
"""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.index.language.entities import Entity
from news_rag.rag.question.parse import parse

from tests.index_helpers import assert_said_first, assistant_over

COFFEE = (
    "Title: Three cups of coffee a day linked to lower risk of heart failure\n"
    "Outlet: Science Daily News\nAuthor: Hannah Webb\nDate: 2025-02-03\n\n"
    "People who drink three cups of coffee a day are less likely to develop heart failure "
    "than those who drink none, according to a large study published on Monday.\n\n"
    "Researchers followed 412,000 adults in Sweden and Denmark for an average of 11 years. "
    "During that time, 9,800 of them developed heart failure.\n\n"
    "Those who drank three cups a day had a 17 percent lower risk than non-drinkers, the team "
    "reported in the European Heart Journal. Drinking more than five cups a day brought no "
    "extra benefit.\n\n"
    "The researchers warned that the study shows a link, not proof that coffee protects the "
    "heart.\n\n"
    "The study was paid for by the Swedish Heart Foundation and did not receive money from "
    "the coffee industry.\n"
)
PRIZE = (
    "Title: Debut novel wins the Harland Prize\n"
    "Outlet: Books Weekly\nAuthor: Tom Ashworth\nDate: 2025-10-15\n\n"
    "A debut novel about a family of lighthouse keepers has won this year's Harland Prize "
    "for fiction, one of the country's richest literary awards.\n\n"
    'The chair of the judges, the historian Richard Lowe, called the book "a quiet '
    'masterpiece about grief and the sea".\n\n'
    "The prize, founded in 1998, is funded by the Harland Foundation. Last year's winner "
    'was the Irish writer Ciaran Byrne for "Salt Roads".\n'
)
SHIP = (
    "Title: Cargo ship runs aground off Skerry Point\n"
    "Outlet: Coastal Times\nAuthor: Fiona Reid\nDate: 2025-11-04\n\n"
    "A cargo ship carrying 14,000 tonnes of fertiliser ran aground off Skerry Point on "
    "Sunday night, the coastguard said.\n\n"
    "It was the third grounding near Skerry Point in ten years; in 2019 the tanker Aurora "
    "Bay was stuck there for six weeks.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"coffee.txt": COFFEE, "prize.txt": PRIZE, "ship.txt": SHIP}
    return assistant_over(tmp_path_factory.mktemp("news"), stories, real_embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which journal published the coffee study?", "European Heart Journal"),
        ("Which foundation funds the Harland Prize?", "Harland Foundation"),
        ("Who won the Harland Prize last year?", "Ciaran Byrne"),
        ("Which tanker was stuck at Skerry Point in 2019?", "Aurora Bay"),
    ],
)
def test_the_thing_asked_for_by_name_is_said_first(
    assistant: Any, question: str, expected: str
) -> None:
    assert_said_first(assistant.ask(question), expected)


def test_who_won_asks_for_a_winner_in_no_currency() -> None:
    intent = parse("Who won the Harland Prize last year?")
    assert intent.target == "winner"
    assert intent.slots.unit is None
    assert parse("How much did the company pay in won?").slots.unit == "won"
    assert parse("Who led the study?").target == "leader"  # no doubling: "lead", "leader"


def test_a_question_naming_two_currencies_asks_in_neither() -> None:
    # an exchange rate: "120 yen" answers it, a refusal "only in yen" would be wrong
    rate = parse("What level does Petersen think the dollar should be against the yen?")
    assert rate.slots.unit is None
    assert parse("How much did Henkel pay in marks?").slots.unit == "mark"
    assert parse("What was Henkel's 1986 group turnover?").expected_types[0] == "MONEY"
    # the noun list is also the role words an untyped name leaves out: an acronym such as
    # "GNP" stays a name of the question (listing gdp/gnp as sums lost it)
    gnp = parse("How much did U.S. GNP rise in the first quarter of 1987?")
    assert "GNP" in [e.text for e in gnp.topic_entities]
    # "money supply M-1" hangs a name from "supply": the word list says it is a sum
    assert parse("What was Canada's money supply?").expected_types[0] == "MONEY"
    # how far a price fell is a change (a share or a sum), not a distance
    assert parse("How far did BP shares fall?").expected_types[:2] == ("PERCENT", "MONEY")
    assert parse("How far did the train travel?").expected_types[0] == "QUANTITY"


def test_a_name_the_sentence_calls_by_the_asked_noun_comes_first() -> None:
    from news_rag.rag.answer.short_answer import called_by_sentence

    text = "Baltic Carriers said it had hired the Dutch salvage firm Smit to refloat it."
    owner = Entity("Baltic Carriers", "ORG", 0, 15, ("say",), "nsubj")
    start = text.index("Smit")
    firm = Entity("Smit", "ORG", start, start + 4, ("firm", "hire"), "appos")
    asked = parse("Which salvage firm was hired?")
    assert called_by_sentence(firm, asked, text)
    assert not called_by_sentence(owner, asked, text)
    # a name before the noun is as often a kind as a name: "its Toledo, Ohio, Jeep plant"
    plant = "the future of its Jeep plant"
    jeep = Entity("Jeep", "ORG", plant.index("Jeep"), plant.index("Jeep") + 4, ("plant",), "")
    assert not called_by_sentence(jeep, parse("Which plant is in doubt?"), plant)


def test_a_person_titled_with_the_question_s_owner_of_the_role_comes_first() -> None:
    from news_rag.rag.answer.titles import titled_by_argument

    text = (
        "French Finance Minister Edouard Balladur has talked to West German Finance Minister "
        "Gerhard Stoltenberg."
    )
    french = Entity("Edouard Balladur", "PERSON", 24, 40, ("talk",), "nsubj")
    start = text.index("Gerhard")
    german = Entity("Gerhard Stoltenberg", "PERSON", start, start + 19, ("minister",), "pobj:to")
    asked = parse("Who is the West German finance minister?")
    assert titled_by_argument(german, asked, text)
    assert not titled_by_argument(french, asked, text)
    ford = "Ford Motor Co Chairman Donald Petersen said sales would fall."
    petersen = Entity("Donald Petersen", "PERSON", 23, 38, ("say",), "nsubj")
    assert titled_by_argument(petersen, parse("Who is Ford's chairman?"), ford)
    assert not titled_by_argument(petersen, parse("Who is Chrysler's chairman?"), ford)
