"""A name the question's NER leaves untagged ("To what price did BP raise its offer ...?":
the small model tags nothing in "BP" there) is an argument when the retrieved stories tag
it as a name (`slots._untagged`, `name_labels`), so another company's figure is contrary
evidence; and a company's acronym is no rival of its long name ("BP" and "British Petroleum
Co PLC", `alignment.acronyms`). Real spaCy model and embedder over a real index of stories
written for the test."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.index_helpers import assistant_over


def _story(bidder: str) -> str:
    return (
        f"Title: {bidder} raises bid for Castell Oil\n"
        "Outlet: Energy Desk\nAuthor: Staff\nDate: 2025-05-12\n\n"
        f"{bidder} raised its offer for Castell Oil to 42 dollars a share on Monday, above "
        "the 40 dollars at which the shares closed on Friday.\n\n"
        "BP said last week it was studying an offer for Castell Oil.\n\n"
        "Castell Oil's board said it would review the revised offer.\n"
    )


@pytest.fixture(scope="module")
def rival(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("rival")
    return assistant_over(root, {"bid.txt": _story("Norvik Energy")}, real_embedder)


@pytest.fixture(scope="module")
def long_name(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("long-name")
    return assistant_over(root, {"bid.txt": _story("British Petroleum Co PLC")}, real_embedder)


def test_another_company_s_price_refuses_an_untagged_name(rival: Any) -> None:
    answer = rival.ask("To what price did BP raise its offer for Castell Oil?")
    assert answer.abstained, answer.answer
    assert "Norvik Energy" in answer.answer, answer.answer


def test_the_bidder_s_own_price_is_still_answered(rival: Any) -> None:
    answer = rival.ask("To what price did Norvik Energy raise its offer for Castell Oil?")
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None and "42" in answer.short_answer.text, answer.answer


def test_an_acronym_is_no_rival_of_its_long_name(long_name: Any) -> None:
    answer = long_name.ask("To what price did BP raise its offer for Castell Oil?")
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None and "42" in answer.short_answer.text, answer.answer


def test_untagged_proper_nouns_are_arguments_but_titles_are_not() -> None:
    from news_rag.rag.question.parse import parse
    from news_rag.rag.question.slots import UNTAGGED

    bp = parse("How much did BP plan to offer per share for Standard Oil's publicly held stock?")
    assert ("BP", UNTAGGED) in [(a.text, a.label) for a in bp.slots.arguments]
    titled = parse("What did Japanese Foreign Minister Tadashi Kuranari say about the yen?")
    assert all("Minister" not in a.text for a in titled.slots.arguments)


def test_an_untagged_name_takes_the_stories_name_label_or_stays_untagged() -> None:
    from news_rag.rag.answer.name_labels import _relabelled
    from news_rag.rag.question.slots import UNTAGGED, Argument

    bp = Argument("BP", UNTAGGED, "nsubj", ("raise",))
    assert _relabelled(bp, {"bp": Counter({"CARDINAL": 3, "ORG": 1})}) == Argument(
        "BP", "ORG", "nsubj", ("raise",)
    )
    assert _relabelled(bp, {"bp": Counter({"CARDINAL": 3})}) == bp  # of no known kind
    assert _relabelled(bp, {}) == bp
    tagged = Argument("Hearst", "ORG", "nsubj", ("pay",))
    assert _relabelled(tagged, {}) == tagged


def test_a_possessive_takes_the_label_of_its_name() -> None:
    # "What was Kalvik Kraft's net profit?": the question's NER tags "Kalvik Kraft's" a
    # person, the stories "Kalvik Kraft" a company
    from news_rag.rag.answer.name_labels import _relabelled
    from news_rag.rag.question.slots import Argument

    owner = Argument("Kalvik Kraft's", "PERSON", "poss", ("profit",))
    found = _relabelled(owner, {"kalvik kraft": Counter({"ORG": 2})})
    assert found == Argument("Kalvik Kraft's", "ORG", "poss", ("profit",))


def test_acronyms_leave_out_a_legal_form() -> None:
    from news_rag.rag.answer.name_acronyms import acronyms

    assert "BP" in acronyms("British Petroleum Co PLC")
    assert "TI" in acronyms("Texas Instruments Inc")
    assert "ADB" in acronyms("the Asian Development Bank")
