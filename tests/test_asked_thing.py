"""A sentence holding a value of the asked-for type but not the thing asked about does not
keep an answer from being refused on contrary evidence (`rag/answer/asked_thing.py`): "What
were Dunmore's sales last year?" over a story giving Veltrix's sales and only Dunmore's
price per share is refused with Veltrix's name. The small model tags "Veltrix" a place,
but the story names "Veltrix Inc": it is the company (`story_names.as_company`). Real spaCy
model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

DEAL = (
    "Title: Dunmore to buy snack maker Veltrix for 2.4 billion dollars\n"
    "Outlet: Business Daily\nAuthor: Ana Ruiz\nDate: 2025-05-12\n\n"
    "Dunmore Corp agreed on Monday to buy snack maker Veltrix Inc for 2.4 billion dollars in "
    "cash, its largest purchase.\n\n"
    "Dunmore will pay 41 dollars a share, a premium of 25 percent to Veltrix's closing price "
    "on Friday, the companies said.\n\n"
    "Veltrix had sales of 780 million dollars last year and employs about 2,100 people.\n\n"
    "The deal is expected to close in the fourth quarter.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("asked-thing")
    return assistant_over(root, {"deal.txt": DEAL}, real_embedder)


def test_another_company_s_sales_are_refused_with_its_name(assistant: Any) -> None:
    answer = assistant.ask("What were Dunmore's sales last year?")
    assert answer.abstained, answer.answer
    assert "Veltrix" in answer.answer, answer.answer


def test_the_company_s_own_sales_are_answered(assistant: Any) -> None:
    answer = assistant.ask("What were Veltrix's sales last year?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "780 million dollars", answer.answer


def test_the_price_per_share_is_still_answered(assistant: Any) -> None:
    answer = assistant.ask("How much will Dunmore pay per Veltrix share?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "41 dollars", answer.answer
