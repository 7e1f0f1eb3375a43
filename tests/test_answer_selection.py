"""Selection rules on a small invented news corpus (real model, real index): what an answer
quotes when two sources give two counts, when the number is written the wire way, and when
the question asks what a named person said."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, index_articles

ARTICLES = {
    "floods.txt": (
        "Title: Floods sweep the river valley\n"
        "Outlet: Valley Courier\nAuthor: Ines Moreau\nDate: 2024-03-05\n\n"
        "Heavy rain flooded the river valley on Monday.\n\n"
        "According to the regional fire service, 14 people were rescued from their roofs in "
        "the flooded villages.\n\n"
        "According to local volunteers, up to 40 people were rescued from their roofs in the "
        "flooded villages.\n\n"
        "The water is expected to recede by Friday.\n"
    ),
    "plant.txt": (
        "Title: Carmaker to sell stake in battery plant\n"
        "Outlet: Business Wire Daily\nAuthor: Tom Reed\nDate: 2024-03-06\n\n"
        "Carmaker Ostwind AG will sell part of its battery plant to an investor group.\n\n"
        "Its remaining holding will not exceed 25 pct, the company said.\n\n"
        "Chief executive Lena Vogt said the sale would fund two new models. "
        '"We will not give up control of the technology," Vogt said.\n\n'
        "Analysts said the price was fair.\n"
    ),
    "notes.txt": (
        "Title: Harbor Foods sells notes\n"
        "Outlet: Business Wire Daily\nAuthor: Tom Reed\nDate: 2024-03-07\n\n"
        "Harbor Foods Inc is selling 150 mln dlrs of senior notes due 2031.\n\n"
        "The notes carry a coupon of 7-1/4 pct and were priced at par, said lead manager "
        "Gale Securities.\n\n"
        "Proceeds will repay bank debt.\n"
    ),
    "earnings.txt": (
        "Title: Brightwave profit jumps on cloud demand\n"
        "Outlet: Market Daily\nAuthor: Jon Ames\nDate: 2024-02-01\n\n"
        "Brightwave Inc reported a fourth-quarter net profit of 1.2 billion dollars on "
        "Thursday, up 35 percent from a year earlier.\n\n"
        "Brightwave shares rose 6 percent in after-hours trading.\n\n"
        "Chief financial officer Amy Tran said the company expects first-quarter revenue of "
        "about 9.8 billion dollars.\n"
    ),
    "election.txt": (
        "Title: Centre-left wins most seats in Norland election\n"
        "Outlet: Daily Courier\nAuthor: Paul Berg\nDate: 2024-04-15\n\n"
        "Norland's centre-left Labour Party won 62 of the 150 seats in Sunday's parliamentary "
        "election, the electoral commission said on Monday.\n\n"
        "The conservative Unity Party came second with 48 seats, down from 55 in the last "
        "election.\n\n"
        "Turnout was 71 percent.\n"
    ),
    "strike.txt": (
        "Title: Rail workers strike over pay\n"
        "Outlet: City Herald\nAuthor: Maria Lopez\nDate: 2024-09-12\n\n"
        "Thousands of rail workers walked off the job on Wednesday in a dispute over pay.\n\n"
        "The National Rail Union said 18,000 of its members took part, while the operator, "
        "Coastline Rail, put the number at about 9,000.\n\n"
        "Union leader Grace Moyo said the strike would last 48 hours unless the company "
        "improved its offer of a 3 percent raise.\n"
    ),
    "prize.txt": (
        "Title: Physics prize awarded for quantum sensors\n"
        "Outlet: Science Wire\nAuthor: Lee Park\nDate: 2024-10-08\n\n"
        "This year's Halden Prize in physics goes to work on quantum sensors, the academy said "
        "on Tuesday.\n\n"
        "The award was shared by Nora Lind of Uppsala University and Ken Sato of Kyoto "
        "University.\n\n"
        "The prize is worth 2 million kronor.\n"
    ),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    from news_rag.rag.assistant import Assistant

    index_dir = index_articles(tmp_path_factory.mktemp("selection"), ARTICLES, real_embedder)
    return Assistant.open(index_dir, embedder=real_embedder)


def _read(answer: Any) -> str:
    return " ".join([answer.answer, *(c.quote for c in answer.citations)])


def test_two_sources_with_two_counts_are_both_quoted(assistant: Any) -> None:
    answer = assistant.ask("How many people were rescued from their roofs?")
    claimants = {c.claimant for c in answer.citations}
    assert {"regional fire service", "local volunteers"} <= claimants, answer.answer
    assert "14 people" in _read(answer) and "up to 40 people" in _read(answer)


def test_a_wire_percentage_answers_a_how_much_question(assistant: Any) -> None:
    answer = assistant.ask("How large a stake will Ostwind keep in the battery plant?")
    assert not answer.abstained
    assert "25 pct" in _read(answer)


def test_what_did_a_person_say_quotes_that_person_first(assistant: Any) -> None:
    answer = assistant.ask("What did Lena Vogt say about control of the technology?")
    assert not answer.abstained
    assert answer.citations[0].claimant.startswith("Lena Vogt")
    assert "not give up control" in answer.citations[0].quote


def test_a_person_no_article_names_is_refused(assistant: Any) -> None:
    answer = assistant.ask("What did Karl Brenner say about the battery plant?")
    assert answer.abstained and not answer.citations
    assert "Karl Brenner" in answer.answer


def test_a_noun_no_word_list_knows_asks_for_what_hangs_from_it(assistant: Any) -> None:
    # "coupon" is in no word list: its type is read from "a coupon of 7-1/4 pct" in the
    # retrieved sentences (`answer.noun_types`), so the answer says the rate first
    answer = assistant.ask("What coupon do the Harbor Foods senior notes carry?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "7-1/4 pct"
    assert answer.short_answer.label == "PERCENT"


def test_who_is_named_by_the_sentence_before_one_that_names_nobody(assistant: Any) -> None:
    # "The prize is worth ..." names nobody and leans on the sentence before it, which was
    # also chosen further down on its own: it is quoted with the first, and names the winner
    answer = assistant.ask("Who won the Halden Prize in physics?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Nora Lind", answer.answer


def test_who_holds_a_role_is_the_person_titled_with_it(assistant: Any) -> None:
    # the sentence is about revenue; "Chief financial officer" is only the title before the
    # name (the analysis keeps it as a head of the name: an anchor for the role asked)
    answer = assistant.ask("Who is Brightwave's chief financial officer?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Amy Tran", answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How much did the investor group pay for the battery plant stake?",
        "Who is Ostwind's chief financial officer?",
    ],
)
def test_no_amount_or_person_in_the_evidence_is_refused(assistant: Any, question: str) -> None:
    # the plant story gives no price and names no finance chief: an answer quoting the sale
    # would say nothing asked (`answerability.no_asked_value`)
    answer = assistant.ask(question)
    assert answer.abstained, answer.answer


def test_seats_of_a_party_no_story_names_are_refused(assistant: Any) -> None:
    # both sentences giving seats name another party in its place, and the story never
    # names the Liberal Party (`answerability.unnamed_rivals`)
    answer = assistant.ask("How many seats did the Liberal Party win?")
    assert_refused(answer, "Liberal Party")
    labour = assistant.ask("How many seats did the Labour Party win?")
    assert labour.short_answer is not None and labour.short_answer.text.startswith("62")


def test_the_person_titled_with_the_role_answers_at_any_score(assistant: Any) -> None:
    # "Union leader Grace Moyo said the strike would last 48 hours" is about the strike and
    # scores far below the union's own sentence; she is the one titled with the role asked
    answer = assistant.ask("Who leads the National Rail Union?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Grace Moyo", answer.answer
    how_long = assistant.ask("How long will the rail strike last?")  # "48 hours": a TIME
    assert how_long.short_answer is not None and "48 hours" in how_long.short_answer.text
