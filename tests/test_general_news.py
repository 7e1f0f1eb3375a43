"""General news, as a new user's questions ask it (real spaCy model and embedder, a real
index of two articles written for these tests):
- things the wire's financial questions rarely ask for: a city's population, an
  earthquake's magnitude, which officer (rag/question/data/noun_types.tsv);
- "How much will X pay for Y?" answered by "X agreed to buy Y for $2.3 billion"
  (rag/question/data/purchase_verbs.txt), not by the shares' price;
- a short question unlike the long sentence that answers it ("When did records begin?"),
  answered when the answer hangs from what it asks (`answer.anchored_relevance_threshold`).
"""

from __future__ import annotations

from typing import Any

import pytest
from news_rag.rag.question.parse import parse

from tests.index_helpers import assert_said_first, index_articles


def _open(factory: pytest.TempPathFactory, stories: dict[str, str], embedder: Any) -> Any:
    """The index of `stories` (file name -> text), built under a new temporary folder."""
    return index_articles(factory.mktemp("news"), stories, embedder)


def _assistant(index_dir: Any, embedder: Any, settings: Any = None) -> Any:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    return Assistant(index_dir, settings or Settings(), embedder)


ARTICLE = (
    "Title: Strong quake shakes coastal city\n"
    "Outlet: Coastal Herald\nAuthor: Mia Torres\nDate: 2025-06-02\n\n"
    "A strong earthquake shook the coastal city of Port Elena early on Sunday, damaging "
    "dozens of old buildings.\n\n"
    "The quake had a magnitude of 6.1, the national seismology institute said.\n\n"
    "Port Elena, a fishing port, has a population of about 240,000 people.\n\n"
    "Rescuer Daniel Okafor pulled two children from a collapsed bakery, said Lina Mendez, a "
    "witness who lives nearby.\n\n"
    "The national weather service said the city had seen more than 90 millimetres of rain "
    "in the week before the quake, the wettest June week since records began in 1951.\n"
)
MERGER = (
    "Title: Northwind agrees to buy rival Brightline for $2.3 billion\n"
    "Outlet: Market Ledger\nAuthor: Jo Kim\nDate: 2025-03-04\n\n"
    "Northwind Logistics said on Monday it had agreed to buy smaller rival Brightline "
    "Freight for $2.3 billion in cash, creating the country's second-largest trucking "
    "company.\n\n"
    "Brightline shareholders will receive $41 per share, a premium of 28 percent to "
    "Friday's closing price.\n\n"
    "Shares of Brightline rose 24 percent to $39.60 in early trading, while Northwind fell "
    "3 percent.\n"
)


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("What is the population of Lagos?", "CARDINAL"),
        ("What was the magnitude of the earthquake?", "CARDINAL"),
        ("Which witness saw the crash?", "PERSON"),
        ("Which station broadcast the speech?", "FAC"),
    ],
)
def test_general_news_nouns_ask_for_a_type(question: str, label: str) -> None:
    assert label in parse(question).expected_types


def test_the_verbs_of_one_purchase_anchor_each_other() -> None:
    assert {"pay", "buy", "acquire"} <= set(parse("How much will X pay for Y?").anchors)
    assert "pay" not in parse("How much did sales rise?").anchors


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    articles = {"quake.txt": ARTICLE, "merger.txt": MERGER}
    return _assistant(_open(tmp_path_factory, articles, real_embedder), real_embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is the population of Port Elena?", "240,000"),
        ("What was the magnitude of the Port Elena earthquake?", "6.1"),
        ("Which witness saw the children pulled from the bakery?", "Lina Mendez"),
        ("How much will Northwind pay for Brightline?", "$2.3 billion"),
        ("When did records begin?", "1951"),
        ("What premium does the Brightline offer represent?", "28 percent"),
    ],
)
def test_the_typed_answer_is_said_first(assistant: Any, question: str, expected: str) -> None:
    assert_said_first(assistant.ask(question), expected)


SMALL_DEAL = (
    "Title: Northwind to buy Brightline\n"
    "Outlet: Market Ledger\nAuthor: Jo Kim\nDate: 2025-03-04\n\n"
    "Northwind Logistics said on Monday it had agreed to buy smaller rival Brightline "
    "Freight for $2.3 billion in cash.\n\n"
    "The deal is expected to close in the third quarter, the companies said.\n"
)


def test_a_purchase_the_other_way_round_is_refused(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Any
) -> None:
    deal = {"deal.txt": SMALL_DEAL}
    assistant = _assistant(_open(tmp_path_factory, deal, real_embedder), real_embedder)
    swapped = assistant.ask("How much did Brightline pay for Northwind?")
    assert swapped.abstained and "other way round" in swapped.answer
    assert "Brightline Freight" in swapped.answer
    asked = assistant.ask("How much will Northwind spend to acquire Brightline?")
    assert not asked.abstained and asked.short_answer is not None
    assert asked.short_answer.text == "$2.3 billion"


COURT = (
    "Title: Court orders chemical maker to pay $120 million over river pollution\n"
    "Outlet: The Tribune\nAuthor: Carla Mendes\nDate: 2025-05-21\n\n"
    "A federal court on Tuesday ordered Delmar Chemicals to pay $120 million in damages to "
    "farmers whose land was contaminated by waste from its plant on the Ashford River.\n\n"
    "Lawyers for the farmers had sought $300 million.\n"
)
MATCH = (
    "Title: Harbor City win first league title in 40 years\n"
    "Outlet: Sports Daily\nAuthor: Ben Ortiz\nDate: 2025-05-12\n\n"
    "Harbor City won their first league title in 40 years on Sunday, beating Westfield 3-1 "
    "in front of 52,000 fans at Lakeside Stadium.\n\n"
    "Westfield's only goal came from a penalty by captain Luis Duarte in the 15th minute.\n"
)


def test_a_sentence_from_an_article_not_naming_the_question_s_names_never_answers(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Any
) -> None:
    # the court's $120 million is the likeliest sentence for "How much did the court order
    # Westfield to pay?", but its article never names Westfield, and the match story does
    stories = {"court.txt": COURT, "match.txt": MATCH}
    assistant = _assistant(_open(tmp_path_factory, stories, real_embedder), real_embedder)
    other = assistant.ask("How much did the court order Westfield to pay?")
    assert other.abstained or "$120 million" not in other.answer.splitlines()[0]
    asked = assistant.ask("How much did the court order Delmar Chemicals to pay?")
    assert asked.short_answer is not None and asked.short_answer.text == "$120 million"


RESULTS = (
    "Title: SkyBridge Airlines posts record quarterly profit\n"
    "Outlet: Finance Today\nAuthor: Omar Haddad\nDate: 2025-04-24\n\n"
    "SkyBridge Airlines reported a record first-quarter net profit of $312 million on "
    "Thursday, helped by strong demand for international travel.\n\n"
    "Revenue rose 14 percent to $4.1 billion, the company said.\n\n"
    "SkyBridge shares gained 5.2 percent to close at $63.15.\n"
)


def test_the_sentence_naming_the_asked_thing_beats_a_lead_about_another(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Any
) -> None:
    # the lead's net profit scores 0.16 above "Revenue rose ... to $4.1 billion", which
    # names the revenue asked about and hangs its amount from it (`answer.target_margin`)
    from news_rag.rag.settings import AnswerSettings, Settings

    index_dir = _open(tmp_path_factory, {"results.txt": RESULTS}, real_embedder)
    question = "How much revenue did SkyBridge report?"
    answer = _assistant(index_dir, real_embedder).ask(question)
    assert answer.short_answer is not None and answer.short_answer.text == "$4.1 billion"
    off = Settings(answer=AnswerSettings(target_margin=0.0))
    lead = _assistant(index_dir, real_embedder, off).ask(question)
    assert lead.short_answer is not None and lead.short_answer.text != "$4.1 billion"
