"""A sentence naming the asked thing, with any value, comes before a closer one that does
not name it (`select.NAMED_LEVEL`): "a drop in third quarter profits to 51 million dollars"
(the amount hanging from "drop", not from "profit") answers "What were Harlow Brokers'
third quarter profits?", not "Harlow Brokers' stock rose 2 dollars to 39 dollars", which
names the company and scores higher. Real spaCy model and embedder over a real index."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import assistant_over

RESULTS = (
    "Title: Harlow Brokers profit falls\n"
    "Outlet: Markets Wire\nAuthor: Staff\nDate: 2026-10-20\n\n"
    "Harlow Brokers Inc said the recent decline in equities had no impact on its financial "
    "condition.\n\n"
    "The company reported a drop in third quarter profits to 51 million dollars from 65 "
    "million dollars on higher revenues.\n\n"
    "Harlow Brokers' stock rose 2 dollars to 39 dollars.\n\n"
    "Chairman Peter Vance said the results reflected the diversity of its revenues.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    return assistant_over(tmp_path_factory.mktemp("asked"), {"r.txt": RESULTS}, real_embedder)


def test_the_sentence_naming_the_profits_answers(assistant: Any) -> None:
    answer = assistant.ask("What were Harlow Brokers' third quarter profits?")
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text.startswith("51 million"), answer.answer


def test_another_quarter_s_profits_are_refused(assistant: Any) -> None:
    answer = assistant.ask("What were Harlow Brokers' fourth quarter profits?")
    assert answer.abstained and "third quarter" in answer.answer, answer.answer
