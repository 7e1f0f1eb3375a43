"""The question parse (rag/question/parse.py) with the real spaCy model: kinds and expected
entity types over news questions from many domains, claimants, filters, and follow-ups."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest
from news_rag.rag.question.intent import KINDS, METADATA, Intent
from news_rag.rag.question.parse import parse
from news_rag.rag.types import Filters

SAMPLE = Path(__file__).parent.parent / "eval" / "questions" / "sample.jsonl"

# (question, answer kind, the most likely expected entity type or None for "no type").
KIND_CASES = [
    # markets
    ("How much did Millipore pay the Environmental Protection Agency?", "quantity", "MONEY"),
    ("How many barrels per day did OPEC produce in March 1987?", "quantity", "CARDINAL"),
    ("What was the price of Brent crude on Friday?", "quantity", "MONEY"),
    ("By how much did the Dow Jones index fall on Monday?", "quantity", "PERCENT"),
    ("How much did consumer prices rise in January?", "quantity", "PERCENT"),
    ("What percentage of the shares does Chevron own?", "quantity", "PERCENT"),
    ("How much oil does Saudi Arabia export each day?", "quantity", "QUANTITY"),
    ("What is the unemployment rate in Germany?", "quantity", "PERCENT"),
    ("Which company agreed to buy Texaco's Canadian unit?", "who", "ORG"),
    ("When will the Federal Reserve next meet?", "when", "DATE"),
    # politics
    ("Who won the presidential election in Brazil?", "who", "PERSON"),
    ("Which party controls the Senate?", "who", "ORG"),
    ("Which minister resigned over the scandal?", "who", "PERSON"),
    ("When did the Supreme Court rule on the abortion case?", "when", "DATE"),
    ("What did the White House say about the sanctions?", "claims", None),
    ("What did Angela Merkel tell reporters after the summit?", "claims", None),
    ("How did Beijing respond to the new tariffs?", "claims", None),
    ("Where will the G20 summit be held next year?", "factoid", "GPE"),
    ("Why did the prime minister call an early election?", "factoid", "CAUSE"),
    ("Did the central bank raise interest rates?", "factoid", None),
    # disasters
    ("How many people died in the Texas floods this week?", "quantity", "CARDINAL"),
    ("How many homes were destroyed by the wildfire?", "quantity", "CARDINAL"),
    ("When did the earthquake hit central Italy?", "when", "DATE"),
    ("What year did the Fukushima disaster happen?", "when", "DATE"),
    ("Which city was hit hardest by Hurricane Maria?", "factoid", "GPE"),
    ("How far from the coast was the epicentre?", "quantity", "QUANTITY"),
    ("What caused the train derailment in Ohio?", "factoid", None),
    # sports
    ("Who scored the winning goal in the World Cup final?", "who", "PERSON"),
    ("Which team won the Super Bowl in 2019?", "who", "ORG"),
    ("How many medals did Kenya win at the Olympics?", "quantity", "CARDINAL"),
    ("When does the Tour de France start?", "when", "DATE"),
    ("Which stadium will host the final?", "factoid", "FAC"),
    # companies
    ("Who is the chief executive of Tesla?", "who", "PERSON"),
    ("How many jobs will Boeing cut?", "quantity", "CARDINAL"),
    ("What was Apple's revenue in the last quarter?", "quantity", "MONEY"),
    ("When did Amazon announce its acquisition of Whole Foods?", "when", "DATE"),
    ("Which bank led the bond issue?", "who", "ORG"),
    ("How long did the strike at the plant last?", "quantity", "DATE"),
    ("What did the company report about its quarterly earnings?", "claims", None),
    ("Where is the company headquartered?", "factoid", "GPE"),
    # attribution
    ("Who said the talks had collapsed?", "who", "PERSON"),
    ("Which officials confirmed the deal?", "who", "PERSON"),
    ("According to whom were 28 militants killed?", "who", "PERSON"),
    ("According to which news agency did the bombing take place?", "who", "ORG"),
    ("According to Reuters, how many tonnes of sugar will the Philippines export?", "quantity",
     "CARDINAL"),
    # metadata
    ("Who wrote the article about the Millipore settlement?", "metadata", "PERSON"),
    ("When was the story about the sugar harvest published?", "metadata", "DATE"),
    ("Which newspaper published the report on the bank merger?", "metadata", "ORG"),
    ("Who is the author of 'Oil Prices Slide as OPEC Talks Stall'?", "metadata", "PERSON"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "kind", "first_type"), KIND_CASES)
def test_kind_and_expected_types(question: str, kind: str, first_type: str | None) -> None:
    intent = parse(question)
    assert intent.kind == kind
    assert not intent.is_follow_up
    if first_type is None:
        assert intent.expected_types == ()
    else:
        assert intent.expected_types[0] == first_type


def test_kind_cases_cover_every_kind_but_follow_up() -> None:
    assert {kind for _, kind, _ in KIND_CASES} == set(KINDS)
    assert len(KIND_CASES) >= 40


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("Who wrote the article about the Millipore settlement?", "author"),
        ("When was the story about the sugar harvest published?", "published"),
        ("Which newspaper published the report on the bank merger?", "outlet"),
        ("Which outlet originally published the story on the oil spill?", "original_source"),
        ("What is the publication date of the piece on the Fed?", "published"),
    ],
)
def test_metadata_field(question: str, field: str) -> None:
    intent = parse(question)
    assert intent.kind == "metadata"
    assert intent.metadata_field == field


@pytest.mark.parametrize(
    "question",
    [
        "When did OPEC publish its monthly report?",  # OPEC's report, not the article
        "Who wrote the new tax law?",
        "When did Apple release the iPhone X?",
    ],
)
def test_publishing_news_is_not_metadata(question: str) -> None:
    assert parse(question).kind != "metadata"


@pytest.mark.parametrize(
    ("question", "claimant", "label"),
    [
        ("What did Russia say?", "Russia", "GPE"),
        ("What did the Russian Foreign Ministry claim about the strike?",
         "Russian Foreign Ministry", "ORG"),
        ("According to Reuters, how many tonnes of sugar were exported?", "Reuters", "ORG"),
        ("When did Angela Merkel announce the decision?", "Angela Merkel", "PERSON"),
        ("How many people did the ministry say died?", "ministry", None),
    ],
)  # fmt: skip
def test_named_claimant_and_span(question: str, claimant: str, label: str | None) -> None:
    intent = parse(question)
    assert intent.claimant is not None
    assert intent.claimant.text == claimant
    assert question[intent.claimant.start : intent.claimant.end] == claimant
    assert intent.claimant.label == label
    assert not intent.asks_claimant


def test_speaker_is_the_claimant_and_according_to_the_source() -> None:
    question = "According to CNN, what did the senator say about the bill?"
    intent = parse(question)
    assert intent.kind == "claims"
    assert intent.claimant is not None and intent.claimant.text == "senator"
    assert intent.filters.source == "CNN"


def test_name_of_asks_for_the_named_type() -> None:
    intent = parse("What is the name of the suspect?")
    assert intent.kind == "who"
    assert intent.expected_types == ("PERSON",)


@pytest.mark.parametrize(
    "question",
    [
        "Who said the US is training militants at al-Tanf?",
        "Who claimed that the rebels shot down the helicopter?",
        "According to whom were 15 soldiers killed?",
        "Which agency reported the explosion?",
    ],
)
def test_question_asking_for_the_claimant(question: str) -> None:
    intent = parse(question)
    assert intent.claimant is None
    assert intent.asks_claimant
    assert intent.kind == "who"


@pytest.mark.parametrize(
    "question",
    [
        "Where are the remaining fighters said to be?",  # spoken of, not speaking
        "How many points did the Dow add on Monday?",  # "add" is not speech here
    ],
)
def test_no_claimant(question: str) -> None:
    intent = parse(question)
    assert intent.claimant is None
    assert not intent.asks_claimant


def test_focus_terms_are_content_lemmas() -> None:
    intent = parse("How many people died in the Texas floods this week?")
    assert intent.focus[:4] == ("people", "die", "Texas", "flood")
    assert "how" not in intent.focus and "many" not in intent.focus
    assert intent.target == "people"
    assert parse("When was al-Bukamal captured?").focus == ("al-Bukamal", "capture")
    assert parse("What did Russia say?").focus == ("Russia",)  # "say" only marks the kind


def test_entities_with_labels_and_spans() -> None:
    question = "How much did Millipore pay the EPA in March 1987?"
    intent = parse(question)
    labels = {e.text: e.label for e in intent.entities}
    assert labels.get("EPA") == "ORG"
    assert labels.get("March 1987") == "DATE"
    for entity in intent.entities:
        assert question[entity.start : entity.end] == entity.text


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("Which team won the Super Bowl in 2018?", "2018-01-01", "2018-12-31"),
        ("How much crude did OPEC produce in March 1987?", "1987-03-01", "1987-03-31"),
        ("Which villages did the army take on November 23, 2017?", "2017-11-23", "2017-11-23"),
        ("What has the Fed said about inflation since 2019?", "2019-01-01", None),
        ("How many banks failed before May 2020?", None, "2020-04-30"),
        ("Who has led the company after 2015?", "2016-01-01", None),
        ("How did oil prices move between 2017 and 2019?", "2017-01-01", "2019-12-31"),
        # relative to nothing: no filter
        ("How many people died in the Texas floods last week?", None, None),
        ("What did the minister say on Wednesday?", None, None),
        ("What happened in March?", None, None),
        ("How much did sales grow this year?", None, None),
        # a length of time or an age is no date ("65 years old" is not 2065)
        ("When does the chairman become 65 years old?", None, None),
        ("How much did the company earn in the past six months?", None, None),
        ("What was the profit in the year 1986?", "1986-01-01", "1986-12-31"),
    ],
)
def test_date_filters(question: str, since: str | None, until: str | None) -> None:
    filters = parse(question).filters
    assert (filters.since, filters.until) == (since, until)


def test_source_filters_and_conversion() -> None:
    filters = parse("According to Reuters, how many cars did Toyota sell in 2018?").filters
    assert filters.source == "Reuters"
    assert filters.outlet is None  # an outlet or a claimant: a hint, not a filter
    assert filters.to_filters() == Filters(since="2018-01-01", until="2018-12-31")
    published = parse("When did Global Research publish the report on the al-Tanf base?")
    assert published.filters.outlet == "Global Research"
    written = parse("Which website published Stephen Lendman's article on the war?")
    assert written.filters.author == "Stephen Lendman"
    assert written.metadata_field == "outlet"


def test_sample_questions_kind_distribution() -> None:
    """Parses every sample question (follow-ups after the question they follow) and prints
    the kinds; asserts only what must hold for any question."""
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    parse("warm up")
    intents: dict[str, Intent] = {}
    took: list[float] = []
    for row in rows:
        history = [intents[row["follows"]]] if row.get("follows") in intents else []
        started = time.perf_counter()
        intent = parse(row["question"], history)
        took.append(time.perf_counter() - started)
        intents[row["id"]] = intent
        assert intent.kind in KINDS
        assert not intent.is_follow_up or history
        for entity in intent.entities:
            assert intent.question[entity.start : entity.end] == entity.text
    kinds = Counter(i.kind for i in intents.values())
    by_type = Counter((row["type"], intents[row["id"]].kind) for row in rows)
    took.sort()
    print(f"\nsample kinds: {dict(kinds.most_common())}")
    print(f"by labelled type: {dict(sorted(by_type.items()))}")
    print(f"parse ms: p50 {took[len(took) // 2] * 1000:.1f}, max {took[-1] * 1000:.1f}")


@pytest.mark.parametrize(
    ("question", "allowed", "never"),
    [
        ("How many AMC workers will Chrysler lay off after the takeover?", "CARDINAL", "MONEY"),
        ("How many crew members will the icebreaker carry?", "CARDINAL", "PERCENT"),
        ("How many tonnes of soybeans did Japan buy?", "QUANTITY", "MONEY"),
        ("How many dollars did the bank lend?", "MONEY", None),
        ("How many percentage points did the rate fall?", "PERCENT", None),
        ("How much did Hearst pay for the Houston Chronicle?", "MONEY", None),
    ],
)
def test_a_count_of_things_is_never_money_or_a_percentage(
    question: str, allowed: str, never: str | None
) -> None:
    intent = parse(question)
    assert allowed in intent.expected_types
    if never is not None:
        assert never not in intent.expected_types


@pytest.mark.parametrize(
    ("question", "relation"),
    [
        ("What is the capital of Peru?", True),
        ("Who is the chairman of Texaco?", False),  # no copula's noun: "who" asks for a person
        ("Which companies are the world leaders in chips?", False),  # the question word's noun
        ("What is the name of the IMF official who resigned?", False),  # asks which official
    ],
)
def test_a_question_asks_what_a_relation_names(question: str, relation: bool) -> None:
    assert parse(question).asks_relation is relation


@pytest.mark.parametrize(
    ("question", "percent"),
    [
        ("How much did Agip pay for its stake in Steuart Petroleum?", False),  # a price
        ("How much did the bank lend to Brazil?", False),
        ("How much did the company earn in 1986?", True),  # earnings may be asked as a change
        ("How much did consumer prices rise in January?", True),
        ("How large a stake will Ostwind keep in the battery plant?", True),  # not a price
    ],
)
def test_a_price_is_never_a_percentage(question: str, percent: bool) -> None:
    assert ("PERCENT" in parse(question).expected_types) is percent


@pytest.mark.parametrize(
    ("question", "types"),
    [
        ("Who is the president of CRS Sirrine?", ("PERSON",)),
        ("Who is the new chairman?", ("PERSON",)),
        ("Who was named chief executive of Apple?", ("PERSON",)),
        ("Whom did Bowater Industries appoint as its new chief executive?", ("PERSON",)),
        ("Who commanded the forces during the fighting?", ("PERSON",)),  # a commander
        ("Who governs the province?", ("PERSON",)),  # a governor
        # no role noun, or one not a person's: any who
        ("Who heads the IMF?", ("PERSON", "ORG", "NORP")),
        ("Who is the buyer?", ("PERSON", "ORG", "NORP")),
        ("Who bought the stake?", ("PERSON", "ORG", "NORP")),  # a buyer: ORG or PERSON
    ],
)
def test_who_fills_a_persons_role_with_a_person(question: str, types: tuple[str, ...]) -> None:
    assert parse(question).expected_types == types


def test_who_asks_about_its_role_noun() -> None:
    assert parse("Who is the interior minister?").target == "minister"
    assert parse("Who is Brightwave's chief financial officer?").anchors == ("officer",)
    # the prize is no role: the one who wins it is ("win", "winner", its "n" doubled)
    assert parse("Who won the prize?").target == "winner"


def test_names_ner_misses_are_untyped_entities() -> None:
    from news_rag.rag.question.focus import UNTYPED_NAME

    def untyped(question: str) -> list[str]:
        return [e.text for e in parse(question).entities if e.label == UNTYPED_NAME]

    assert untyped("Who is the president of CRS Sirrine?") == ["CRS Sirrine"]
    # a title before a name, and a quoted headline's words, are no names
    assert untyped("What did Japanese Foreign Minister Tadashi Kuranari say?") == []
    assert untyped("Who wrote 'The Collapse of ISIS, Competition for the Border'?") == []
    question = "How much did Alleghany agree to pay for Cyclops?"
    for entity in parse(question).entities:
        assert question[entity.start : entity.end] == entity.text


def test_a_length_of_time_is_asked_as_a_date_never_a_sum() -> None:
    assert parse("How many days of mourning were declared?").expected_types[0] == "DATE"
    how_long = parse("How long was the former mayor sentenced to?").expected_types
    assert how_long[0] == "DATE" and "MONEY" not in how_long and "PERCENT" not in how_long
    assert parse("How many people died?").expected_types == ("CARDINAL", "QUANTITY")


@pytest.mark.parametrize(
    "question",
    [
        "Who is the lead author of the study?",  # the study the article reports on
        "In which journal were the findings published?",  # the findings, not the article
        "Which publisher published the novel?",  # a book the news is about
    ],
)
def test_an_author_or_publication_of_a_reported_thing_is_news(question: str) -> None:
    intent = parse(question)
    assert intent.kind != METADATA and intent.metadata_field is None


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("Who is the author of the article?", "author"),
        ("When was it published?", "published"),
        ("When was the report published?", "published"),
        ("Which website published the report?", "outlet"),
        ("Which outlet published it?", "outlet"),
    ],
)
def test_the_article_s_author_and_date_stay_metadata(question: str, field: str) -> None:
    assert parse(question).metadata_field == field
