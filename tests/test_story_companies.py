"""A company called again by its first word, and who "the airline" and "the companies"
are (analysis v46), read by the owners of a figure: real spaCy model and embedder over a
real index of stories written for the test.

- "Skyline carried 14.2 million passengers" is Skyline Air's figure
  (`story_names.first_name`): "How many passengers did Bluefin Airways carry?" refuses with
  Skyline's name, where the small model tags nothing in "Skyline".
- "The Cabin Crew Union, which represents ... the airline's flight attendants": the airline
  is no union (`described._public_body`).
- "..., the companies said": the claim is both companies', not the last one named
  (`claims._named_claim`), so the company bought is no speaker hidden from the owner rule.
- "The brewer sold 4.1 million hectolitres" is the story's brewery's figure, not its
  rival's: a business noun of `company_nouns.txt`.
- "Quantex" in a question is labelled as the stories label "Quantex Devices", the name it
  opens (`name_labels._names_of`): the small model calls the bare word a person in the
  question, and a company named in its place ("Velarion will receive ...") is then its
  rival.
- "a 31 percent premium to Brightfield's closing price" is no Brightfield figure
  (`owners._below`), while "The company's revenue fell ... to 11.2 billion euros" is the
  company's.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

STRIKE = (
    "Title: Pilots strike grounds Skyline Air flights\n"
    "Outlet: Aviation Weekly Wire\nAuthor: Grace Whitfield\nDate: 2026-07-18\n\n"
    "Skyline Air cancelled 380 flights on Friday as pilots began a 24-hour strike over pay.\n\n"
    "The Pilots Union, which represents about 1,200 of the airline's pilots, wants a "
    "12 percent rise.\n\n"
    "Rival carrier Bluefin Airways said it had added 35 extra flights from Leeds.\n\n"
    "Skyline carried 14.2 million passengers last year and employs about 9,000 people.\n"
)
DEAL = (
    "Title: Corvane to buy Tallis Software for 900 million dollars\n"
    "Outlet: Deals Daily Wire\nAuthor: Samuel Osei\nDate: 2026-06-09\n\n"
    "Payments group Corvane Holdings has agreed to buy Tallis Software, a U.S. maker of "
    "billing tools, for 900 million dollars in cash, the companies said on Tuesday.\n\n"
    "The price of 31 dollars a share is a 27 percent premium to Tallis Software's closing "
    "price on Monday.\n\n"
    "Tallis rejected an approach from Brookfield Capital in March.\n"
)
TELECOM = (
    "Title: Norvane Telecom to cut 1,500 jobs\n"
    "Outlet: Business Daily Wire\nAuthor: Pieter de Vries\nDate: 2026-06-03\n\n"
    "Norvane Telecom said on Wednesday it would cut 1,500 jobs as it seeks savings.\n\n"
    "The company's revenue fell 4 percent to 11.2 billion euros last year.\n\n"
    "Norvane's larger rival, Telmark Group, announced 2,000 job cuts in March.\n"
)

BREWER = (
    "Title: Brewer Ashcombe sells more beer\n"
    "Outlet: Drinks Trade Wire\nAuthor: Nadia Hussain\nDate: 2026-08-06\n\n"
    "Ashcombe Breweries Plc reported a first-half profit of 90 million pounds on Thursday.\n\n"
    "The brewer sold 4.1 million hectolitres of beer in the six months to June.\n\n"
    "Shares in its rival Tollgate Brewing fell 2 percent.\n"
)

SHIP = (
    "Title: Grain ship runs aground off Norway\n"
    "Outlet: Maritime Wire\nAuthor: Erik Lund\nDate: 2026-03-03\n\n"
    "The bulk carrier Nordic Star ran aground off the Norwegian coast on Monday.\n\n"
    "The ship is owned by the Oslo-based company Fjordline Shipping, which said it was "
    "investigating the cause.\n\n"
    "A second company, the towing contractor Dunley Haulage, was hired to refloat it.\n"
)

CHIPS = (
    "Title: Chipmaker Velarion to build plant in Arizona\n"
    "Outlet: Semiconductor Review\nAuthor: Maya Brooks\nDate: 2026-10-14\n\n"
    "Velarion Semiconductor Inc said on Tuesday it would build a 9 billion dollar chip plant "
    "in Phoenix, Arizona.\n\n"
    "Velarion will receive 1.1 billion dollars in federal grants, the Commerce Department "
    "said.\n\n"
    "Its rival Quantex Devices announced a 6 billion dollar plant in Ohio last year.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("story-companies")
    stories = {
        "strike.txt": STRIKE,
        "deal.txt": DEAL,
        "telecom.txt": TELECOM,
        "beer.txt": BREWER,
        "ship.txt": SHIP,
        "chips.txt": CHIPS,
    }
    return assistant_over(root, stories, real_embedder)


def _described(assistant: Any, title_word: str, sentence_word: str) -> list[str]:
    for article in assistant.articles():
        if title_word not in (article.title or ""):
            continue
        for info in assistant.reader.sentence_analysis(article.id):
            if sentence_word in article.text[info.start : info.end]:
                return [e.text for e in info.described]
    raise AssertionError(f"no sentence with {sentence_word!r}")


def test_a_company_s_first_word_alone_is_the_company() -> None:
    from news_rag.index.analysis.story_names import first_name

    forms = frozenset({"inc", "corp"})
    assert first_name(["Skyline", "Air"], forms) == "skyline"
    assert first_name(["the", "Pilots", "Union"], forms) == "pilots"  # unless written lowercase
    assert first_name(["Bank", "of", "England"], forms) is None  # "Bank" alone is any bank
    assert first_name(["Veltrix"], forms) is None
    assert first_name(["Inc", "Holdings"], forms) is None


def test_another_airline_s_figure_is_refused_with_the_company_s_short_name(
    assistant: Any,
) -> None:
    answer = assistant.ask("How many passengers did Bluefin Airways carry last year?")
    assert answer.abstained, answer.answer
    assert "Skyline" in answer.answer, answer.answer
    own = assistant.ask("How many passengers did Skyline Air carry last year?")
    assert not own.abstained and own.short_answer is not None, own.answer
    assert own.short_answer.text.startswith("14.2 million"), own.answer


def test_the_airline_is_no_union(assistant: Any) -> None:
    assert _described(assistant, "Skyline", "airline's pilots") == ["Skyline Air"]


def test_a_first_word_the_story_writes_in_lowercase_is_no_company() -> None:
    from news_rag.index.analysis.story_names import story_labels
    from news_rag.index.language.entities import Entity

    union = [Entity("The Pilots Union", "ORG", 0, 16), Entity("Skyline Air", "ORG", 20, 31)]
    labels = story_labels(union, frozenset({"pilots", "as"}))
    assert "pilots" not in labels and labels["skyline"] == "ORG"


def test_the_brewer_is_the_story_s_brewery(assistant: Any) -> None:
    """A business noun of the word lists (`company_nouns.txt`: brewer, carmaker, club, ...)."""
    assert _described(assistant, "Ashcombe", "The brewer sold") == ["Ashcombe Breweries Plc"]
    answer = assistant.ask("How much beer did Tollgate sell in the first half?")
    assert answer.abstained and "Ashcombe" in answer.answer, answer.answer


def _labels(assistant: Any, title_word: str) -> dict[str, str]:
    return {
        e.text: e.label
        for article in assistant.articles() if title_word in (article.title or "")
        for info in assistant.reader.sentence_analysis(article.id)
        for e in info.entities
    }  # fmt: skip


def test_a_name_in_apposition_to_a_company_is_one_and_a_base_is_a_place(assistant: Any) -> None:
    labels = _labels(assistant, "Grain ship")
    assert labels["Dunley Haulage"] == "ORG", labels  # "A second company, ... Dunley Haulage"
    assert labels.get("Oslo", "GPE") == "GPE", labels  # "the Oslo-based company"
    answer = assistant.ask("Who owns the Nordic Star?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Fjordline Shipping", answer.answer


def test_what_the_companies_said_is_no_one_company_s_claim(assistant: Any) -> None:
    answer = assistant.ask("How much will Corvane pay for Tallis Software?")
    assert not answer.abstained and answer.citations, answer.answer
    claimant = answer.citations[0].claimant
    assert "Tallis" not in claimant and "Corvane" not in claimant, answer.citations[0]


def test_a_premium_to_another_company_s_price_is_the_buyer_s(assistant: Any) -> None:
    answer = assistant.ask("What premium does Corvane's offer represent?")
    assert not answer.abstained and answer.short_answer is not None, answer.answer
    assert answer.short_answer.text.startswith("27 percent"), answer.answer


def test_the_company_s_revenue_is_not_its_rival_s(assistant: Any) -> None:
    answer = assistant.ask("What was Telmark Group's revenue last year?")
    assert answer.abstained, answer.answer
    assert "Norvane" in answer.answer, answer.answer


def test_a_short_name_takes_the_label_of_the_story_s_full_name(assistant: Any) -> None:
    answer = assistant.ask("How much will Quantex receive in federal grants?")
    assert answer.abstained and "Velarion" in answer.answer, answer.answer
    own = assistant.ask("How much will Velarion receive in federal grants?")
    assert not own.abstained and own.short_answer is not None, own.answer
    assert own.short_answer.text.startswith("1.1 billion"), own.answer
