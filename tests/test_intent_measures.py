"""What a question's reading asks for, beyond its question word: "How tall/heavy ...?" asks
for a measure only; a capitalised title is a person's role ("the U.S. Agriculture
Secretary"); "What is the test called?" with a passive "is" asks about the test. The real
spaCy question parser."""

from __future__ import annotations

from news_rag.rag.question.parse import parse


def test_how_tall_and_how_heavy_ask_a_measure_only() -> None:
    for question in ("How tall is the new tower?", "How heavy is the Nimbus Fold?"):
        assert parse(question).expected_types == ("QUANTITY", "CARDINAL"), question


def test_a_capitalised_title_is_a_role() -> None:
    intent = parse("Who is the U.S. Agriculture Secretary?")
    assert intent.target == "secretary"
    assert intent.expected_types == ("PERSON",)


def test_a_passive_naming_question_asks_about_its_subject() -> None:
    assert parse("What is Vela Diagnostics' salmonella test called?").target == "test"
    assert parse("What was the train carrying?").target != "train"


def test_how_wide_and_how_strong_ask_a_measure() -> None:
    for question in ("How wide is the telescope's main mirror?", "How strong were the winds?"):
        assert parse(question).expected_types[:1] == ("QUANTITY",), question


def test_a_measuring_question_asks_about_its_subject_noun() -> None:
    assert parse("How much does the camera weigh?").target == "camera"
    assert parse("How much does the Nimbus Fold weigh?").target is None  # a name, not a noun


def test_a_change_read_as_a_noun_is_still_a_change() -> None:
    # the small model parses "revenue rise" as a compound noun
    intent = parse("By how much did SkyBridge revenue rise?")
    assert intent.expected_types[0] == "PERCENT"
    assert intent.target == "revenue"
