"""A length of time asked for a named month: "How long did the March outage at Harwood
last?" is answered by "In March a fault ... disrupted payments for four hours", not refused
because the story's other outage "on Wednesday" lasted "about nine hours" (a point in time is
no answer to "how long": `periods._holds_first_type` skips it, `time_kinds`). Real spaCy
model and embedder over a real index of a story written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

OUTAGE = (
    "Title: Banking app outage leaves customers unable to pay\n"
    "Outlet: Fintech Wire\nAuthor: Daniel Price\nDate: 2026-10-09\n\n"
    "Customers of Harwood Bank were unable to use its mobile app for about nine hours on "
    "Wednesday, after a software update went wrong, the bank said.\n\n"
    "It was Harwood's second major outage this year.\n\n"
    "In March a fault at its data centre in Swindon disrupted payments for four hours.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("outage"), {"o.txt": OUTAGE}, real_embedder)


def test_the_named_month_s_length_of_time_is_answered(assistant: Any) -> None:
    answer = assistant.ask("How long did the March outage at Harwood last?")
    assert not answer.abstained, answer.answer
    assert answer.short_answer is not None and "four hours" in answer.short_answer.text


def test_another_month_is_still_refused(assistant: Any) -> None:
    answer = assistant.ask("How long did the June outage at Harwood last?")
    assert answer.abstained, answer.answer
