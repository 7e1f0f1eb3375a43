"""Which span of a quoted sentence is said first (real spaCy model, real index): one in the
unit the question asks in before a percentage hanging from the same verb, and the object of
the verb a catenative verb governs ("plan to sell ... to X") before a name beside the
question's own subject; the sentence naming the question's period first, and alone. Names
written with a hyphen or a space are one name."""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.index.analysis.analyse import Analyser
from news_rag.index.analysis.records import ArticleInput
from news_rag.index.types import Article
from news_rag.rag.answer.alignment import names_target
from news_rag.rag.answer.evidence import Evidence
from news_rag.rag.answer.question_names import named_in_question
from news_rag.rag.answer.select import prefer_period
from news_rag.rag.answer.sentence_kinds import adds_expected
from news_rag.rag.answer.short_answer import find_span
from news_rag.rag.candidates import Candidate
from news_rag.rag.passages import source_label
from news_rag.rag.question.parse import parse
from news_rag.rag.settings import AnswerSettings
from news_rag.rag.types import Passage

from tests.index_helpers import index_articles

ARTICLE = (
    "Title: Acme profit climbs\nOutlet: Business Wire Daily\nAuthor: Tom Reed\n"
    "Date: 2024-03-06\n\n"
    "Acme Corp said its 2023 operating profit rose 12 pct to 45 mln euros on higher sales of "
    "industrial pumps.\n\n"
    "Globex and its partner Initech agreed last year to sell the Ohio pump plant to Vandelay "
    "Industries for 80 mln dlrs, the companies said.\n"
)
RESULTS = (
    "Title: Hooli results due\nOutlet: Business Wire Daily\nAuthor: Tom Reed\n"
    "Date: 2024-03-06\n\n"
    "The company is expected to report a net profit of around 50 "
    "mln dlrs tomorrow for the first nine months ended February 28, analysts said.\n\n"
    "Hooli's net profit in the first half ended November 30 amounted to 31 mln dlrs.\n\n"
    "In the full year ended June 30 2023 the group earned a record 120 mln dlrs.\n"
)


def test_a_catenative_verb_adds_the_verb_it_governs_to_the_anchors() -> None:
    assert parse("To whom does Globex plan to sell the Ohio plant?").anchors == ("plan", "sell")
    paid = parse("How much did Initech agree to pay for the mill?").anchors
    assert paid[:2] == ("agree", "pay")  # then the other purchase verbs ("buy the mill for")
    assert set(paid[2:]) == {"acquire", "buy", "purchase"}
    assert parse("Who sold the Ohio plant?").anchors == ("sell",)


def test_a_hyphen_and_a_space_write_one_name() -> None:
    assert named_in_question("WOR-TV", "To whom does GenCorp plan to sell WOR TV?")
    assert not named_in_question("KHJ-TV", "To whom does GenCorp plan to sell WOR TV?")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    from news_rag.rag.assistant import Assistant

    articles = {"a.txt": ARTICLE, "b.txt": RESULTS}
    index_dir = index_articles(tmp_path_factory.mktemp("spans"), articles, real_embedder)
    return Assistant.open(index_dir, embedder=real_embedder)


def test_the_amount_in_the_asked_unit_is_said_first(assistant: Any) -> None:
    answer = assistant.ask("How much did Acme's operating profit rise to in euros?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "45 mln euros", answer.answer


def test_the_object_of_the_governed_verb_is_said_first(assistant: Any) -> None:
    answer = assistant.ask("To whom did Globex plan to sell the Ohio pump plant?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text.startswith("Vandelay"), answer.answer


def test_the_sentence_naming_the_asked_period_proves_it_alone(assistant: Any) -> None:
    answer = assistant.ask("What record net profit did Hooli earn in the year ended June 30 2023?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "120 mln dlrs", answer.answer
    assert [c.quote for c in answer.citations] == [
        "In the full year ended June 30 2023 the group earned a record 120 mln dlrs."
    ], answer.answer


def _evidence(text: str, score: float) -> Evidence:
    [info] = Analyser().analyse([ArticleInput("a1", text, ((0, len(text)),), "2024-03-06")])[0]
    article = Article(id="a1", text=text, source_path="a.txt", content_hash="h", outlet="Wire")
    passage = Passage("a1", 0, text, 1.0, 0, len(text), source_label(article))
    cand = Candidate(article, 0, len(text), passage, 0, 0.9, 0.5, 0.9, 0)
    return Evidence(cand, info, 0, score, True, False)


def test_a_close_sentence_naming_the_asked_period_is_quoted_first() -> None:
    intent = parse("What record net profit did Hooli earn in the year ended June 30 2023?")
    forecast = _evidence(
        "Hooli is expected to report a net profit of around 50 mln dlrs tomorrow for the "
        "first nine months ended February 28, analysts said.",
        0.95,
    )
    year = _evidence(
        "In the full year ended June 30 2023 the group earned a record 120 mln dlrs.", 0.9
    )
    far = _evidence(
        "In the full year ended June 30 2023 the group earned a record 120 mln dlrs.", 0.7
    )
    settings = AnswerSettings()  # span_margin 0.1
    assert prefer_period([forecast, year], [forecast, year], intent, settings)[0] is year
    assert prefer_period([forecast], [forecast, far], intent, settings) == [forecast]
    undated = parse("What record net profit did Hooli earn?")
    assert prefer_period([forecast, year], [forecast, year], undated, settings)[0] is forecast


def test_a_recurrence_answers_how_often_but_never_when() -> None:
    meets = _evidence("The board meets monthly to review the plan.", 0.9)
    assert [(e.text, e.label) for e in meets.info.entities] == [("monthly", "DATE")]
    when = parse("When does the board review the plan?")
    assert find_span(meets, when) is None
    assert not adds_expected([(e.text, e.label) for e in meets.info.entities], when)
    often = find_span(meets, parse("How often does the board review the plan?"))
    assert often is not None and often.text == "monthly"
    dated = _evidence("The board reviewed the plan on March 3, 1987.", 0.9)
    found = find_span(dated, when)
    assert found is not None and "March 3" in found.text


def test_a_sentence_names_the_asked_for_thing_in_any_inflection() -> None:
    sales = _evidence("Ruiz said she expects sales to rise to about 300 mln dlrs.", 0.9)
    profit = _evidence("Acme expects net profit to rise over last year's 6.1 mln dlrs.", 0.95)
    intent = parse("What sales does Acme expect this year?")
    assert intent.target == "sale"
    assert names_target(sales, intent) and not names_target(profit, intent)
    assert names_target(profit, parse("How much does Acme expect?"))  # no noun asked about
    assert not names_target(_evidence("The salesman expects 6 mln dlrs.", 0.9), intent)


def test_how_long_is_answered_by_a_length_of_time_not_a_day() -> None:
    signed = _evidence(
        "The club said on Monday that Paolo Ferri signed a three-year contract.", 0.9
    )
    span = find_span(signed, parse("How long is Ferri's contract?"))
    assert span is not None and span.text == "three-year"
    when = find_span(signed, parse("When did Ferri sign his contract?"))
    assert when is not None and when.text == "Monday"
    quarter = _evidence("Acme earned 5 mln dlrs in the first quarter, a three-year high.", 0.9)
    found = find_span(quarter, parse("When did Acme earn 5 mln dlrs?"))
    assert found is not None and found.text == "the first quarter"


def test_how_many_days_is_answered_by_a_count_of_days() -> None:
    mourning = _evidence("On Monday the government declared three days of mourning.", 0.9)
    span = find_span(mourning, parse("How many days of mourning were declared?"))
    assert span is not None and span.text == "three days"


def test_the_count_hanging_from_the_asked_verb_comes_before_the_asked_noun() -> None:
    quake = _evidence(
        "The earthquake struck late on Friday, killing at least 40 people and injuring more "
        "than 300, officials said.",
        0.9,
    )
    injured = find_span(quake, parse("How many people were injured in the earthquake?"))
    assert injured is not None and injured.text.startswith("more than 300")
    killed = find_span(quake, parse("How many people were killed in the earthquake?"))
    assert killed is not None and killed.text.startswith("at least 40")


def test_a_nationality_in_the_question_does_not_name_an_organisation() -> None:
    raid = _evidence(
        "This week, the Syrian Air Force Intelligence Directorate launched a security "
        "operation in the Barzeh area.",
        0.9,
    )
    span = find_span(raid, parse("Which Syrian agency launched a security operation in Barzeh?"))
    assert span is not None and "Air Force Intelligence Directorate" in span.text


def test_a_price_per_share_answers_only_a_question_per_share() -> None:
    deal = _evidence("Halvorsen agreed to pay $34 a share, or $2.1 billion, for Pinecrest.", 0.9)
    whole = find_span(deal, parse("How much did Halvorsen agree to pay for Pinecrest?"))
    assert whole is not None and whole.text == "$2.1 billion"
    each = find_span(deal, parse("How much per share did Halvorsen agree to pay?"))
    assert each is not None and each.text == "$34"


def test_a_count_of_the_asked_thing_comes_before_a_count_of_another() -> None:
    army = _evidence("The army has deployed 1,500 soldiers and 40 boats to the delta.", 0.9)
    boats = find_span(army, parse("How many boats did the army deploy?"))
    assert boats is not None and boats.text == "40 boats"


def test_a_length_is_no_price() -> None:
    car = _evidence("The car has a range of 410 kilometres, its maker said.", 0.9)
    assert find_span(car, parse("How much does the Voltmobil car cost?")) is None
    found = find_span(car, parse("How far can the car go?"))
    assert found is not None and found.text == "410 kilometres"
    ship = _evidence("The MV Nordic Star, a 190-metre bulk carrier, hit rocks on Sunday.", 0.9)
    assert find_span(ship, parse("How much did Baltic Carriers pay for the ship?")) is None


def test_the_value_in_the_role_the_question_asks_for_is_said_first() -> None:
    sentence = _evidence(
        "Globex raised its offer to 42.5 dlrs a share from 40 dlrs, after Initech shares rose "
        "by five pct.",
        0.9,
    )
    for question, said in (
        ("To what price did Globex raise its offer?", "42.5 dlrs"),
        ("From what price did Globex raise its offer?", "40 dlrs"),  # not the first amount
        ("What price did Globex raise its offer to?", "42.5 dlrs"),
    ):
        intent = parse(question)
        assert intent.slots.asked_role is not None, question
        span = find_span(sentence, intent)
        assert span is not None and span.text == said, question
    assert parse("How much did Globex pay for Initech?").slots.asked_role is None
    relative = parse("What is the name of the Globex official who resigned?")
    assert relative.slots.asked_role is None  # "of ... who": a relative clause, not the asked
    assert parse("Which companies did Globex discuss deals with?").slots.asked_role == "pobj:with"


def test_a_name_calls_itself_what_was_asked_by_its_head_word() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.short_answer import named_as_target

    river = parse("Which river was polluted?")
    assert named_as_target(Entity("the Ashford River", "LOC"), river)
    assert not named_as_target(Entity("River Watch", "ORG"), river)  # a watch group
    university = parse("Which university discovered the frog?")
    assert named_as_target(Entity("the University of Tamarind", "ORG"), university)
