"""A story saying the asked-for thing, by the question's noun, was withheld ("did not
disclose the selling price") refuses the question even where its other figures give a
span (the bid she sold after); another participant's withheld value does not
(`rag/answer/withheld.py`). Real spaCy model and embedder over a real index of
stories written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

STAKE = (
    "Title: Kohl sells Brightwave stake\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-10-20\n\n"
    "Investor Maria Kohl said she sold her stake in Brightwave Inc after deciding she could "
    "not force it to accept a 52 dlr a share takeover bid made by Halden Group.\n\n"
    "Kohl said she sold the shares at a profit over several days, but did not disclose the "
    "selling price.\n"
)
BLOCKS = (
    "Title: Oil companies apply for offshore blocks\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-04-03\n\n"
    "Saga Petroleum said it has applied for a 35 pct share and operatorship on one offshore "
    "block.\n\n"
    "Norsk Hydro has also applied for an undisclosed share in a single exploration licence, "
    "a spokesman said.\n"
)

BRANDS = (
    "Title: Tobacco unit sells four brands\n"
    "Outlet: Wire\nAuthor: Staff\nDate: 1987-04-02\n\n"
    "Calder Tobacco said it sold four of its pipe tobacco brands to Harwick Pipe Co for "
    "undisclosed terms.\n\n"
    "The company said the brands represent less than one pct of its total sales, which "
    "amounted to 4.7 billion dlrs in 1986.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"stake.txt": STAKE, "blocks.txt": BLOCKS, "brands.txt": BRANDS}
    return assistant_over(tmp_path_factory.mktemp("withheld"), stories, real_embedder)


def test_a_price_the_story_withholds_by_name_is_refused(assistant: Any) -> None:
    answer = assistant.ask("At what price did Kohl sell her Brightwave stake?")
    assert_refused(answer, "did not disclose")


def test_another_participant_s_withheld_share_does_not_refuse(assistant: Any) -> None:
    assert_said_first(assistant.ask("What share has Saga Petroleum applied for?"), "35 pct")


def test_a_sum_its_participants_withheld_is_refused_not_another_figure(assistant: Any) -> None:
    # no asked noun: the withholding sentence names the question's buyer, and the story's
    # other figure (the seller's sales) hangs from no paying
    answer = assistant.ask("How much did Harwick Pipe pay for the four tobacco brands?")
    assert_refused(answer, "undisclosed")


def test_the_asked_noun_must_be_what_is_withheld() -> None:
    from news_rag.rag.answer.withheld import withheld_noun

    sold = "He sold the stock at a profit, but did not disclose the selling price."
    assert withheld_noun(sold, "did not disclose", "price")
    covered = "The minister made no mention of how the deficit would be covered."
    assert not withheld_noun(covered, "no mention", "deficit")  # the covering is withheld
    figure = "Sihler said the profit rise surpassed that of turnover but gave no figure."
    assert not withheld_noun(figure, "gave no figure", "turnover")
