"""A role asked of an organisation the story never names (`role_owners.absent_owner`), and
a kind of organisation ("Bank") that is no owner's own word (`titles._other_owner`): real
spaCy model and embedder over a real index of stories written for the test.

"Who is the chairman of the National Bank of Dubai?" over "Sheikh Hamad al-Qasimi, Chairman
of Gulf Commercial Bank, ..." is refused with the asked bank's name: the chairman is
another bank's. The same story answers who Gulf Commercial Bank's chairman is.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

BANKS = (
    "Title: UAE to recognise contractual interest rates\n"
    "Outlet: Gulf Wire\nAuthor: Staff\nDate: 2026-04-27\n\n"
    "A top United Arab Emirates banker said a new law would oblige courts to recognise "
    "interest rates contracted between bank and borrower.\n\n"
    "Sheikh Hamad al-Qasimi, Chairman of Gulf Commercial Bank, told reporters after the "
    "shareholders' meeting that the decree would make interest payable at the contracted "
    "rate.\n\n"
    "Under current law, courts in all emirates except Dubai recognise only simple "
    "interest.\n"
)
FILM = (
    "Title: Bank profits rise\n"
    "Outlet: Gulf Wire\nAuthor: Staff\nDate: 2026-04-20\n\n"
    "Robert Hale, chairman of Emirates Trust Bank, told the shareholders' meeting that "
    "commercial bank interest rates would rise.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("absent-owner")
    return assistant_over(root, {"banks.txt": BANKS, "film.txt": FILM}, real_embedder)


def test_another_bank_s_chairman_is_refused_with_the_asked_bank(assistant: Any) -> None:
    answer = assistant.ask("Who is the chairman of the National Bank of Dubai?")
    assert answer.abstained, answer.answer
    assert "National Bank of Dubai" in answer.answer, answer.answer


def test_the_named_bank_s_chairman_is_answered(assistant: Any) -> None:
    answer = assistant.ask("Who is the chairman of Gulf Commercial Bank?")
    assert answer.short_answer is not None, answer.answer
    assert "Hamad al-Qasimi" in answer.short_answer.text, answer.answer


def test_a_kind_of_organisation_is_no_owner_s_own_word() -> None:
    from news_rag.index.language.entities import Entity
    from news_rag.rag.answer.titles import other_owner
    from news_rag.rag.question.parse import parse

    text = "Sheikh Hamad al-Qasimi, Chairman of Gulf Commercial Bank, told reporters."
    person = Entity("Hamad al-Qasimi", "PERSON", 7, 22)
    asked = parse("Who is the chairman of the National Bank of Dubai?")
    assert other_owner(person, asked, text, 0) == "Gulf Commercial"
