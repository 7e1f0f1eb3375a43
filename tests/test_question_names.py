"""A name the small model misreads in a question ("does Paywave process": a noun or a
verb, not a proper noun) is still one of its participants (`slots._untagged`), so another
company's figure is contrary evidence against it. Real spaCy model and embedder over a real
index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assert_refused, assert_said_first, assistant_over

PAYMENTS = (
    "Title: Payments startup Tillpoint raises 40 million pounds\n"
    "Outlet: Tech Funding Daily\nAuthor: Staff\nDate: 2026-03-30\n\n"
    "Tillpoint, a London-based payments startup, has raised 40 million pounds in a funding "
    "round led by the venture firm Northgate Capital, the company said on Monday.\n\n"
    "The startup says it processes payments for about 7,000 small shops in France and "
    "Italy.\n\n"
    "Its main rival, Paywave, was valued at 300 million pounds last year.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("names"), {"p.txt": PAYMENTS}, real_embedder)


def test_a_misread_name_is_a_participant() -> None:
    from news_rag.rag.question.parse import parse

    intent = parse("How many shops does Paywave process payments for?")
    assert "Paywave" in [a.text for a in intent.slots.arguments]


def test_another_company_s_figure_is_refused_for_a_misread_name(assistant: Any) -> None:
    answer = assistant.ask("How many shops does Paywave process payments for?")
    assert_refused(answer, "Tillpoint")
    assert_said_first(assistant.ask("How many shops does Tillpoint process payments for?"), "7,000")
